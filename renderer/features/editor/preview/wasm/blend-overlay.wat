;; Alpha blending of one overlay plane over one picture plane, the same arithmetic as
;; plane-overlay.ts's blend (bit for bit): out = (dst·(255 − a) + pre + 128)·257 >> 16, where
;; pre = src·a. With t = dst·(255 − a) + pre + 128 (at most 65153), t·257 >> 16 is
;; (t + (t >> 8)) >> 8, so sixteen samples go through in 16-bit lanes with no 32-bit products.
;; Where a is 0 the formula gives dst back, so blocks are blended whole; a block whose sixteen
;; alphas are all 0 is skipped (most of a caption's box).
;; The overlay's rows sit `srcStride` samples apart: alpha as bytes, pre as 16-bit values.
;; Regenerate blend-overlay.wasm.ts with `node scripts/wat-to-ts.mjs` after editing.
(module
  (import "env" "memory" (memory 1))
  (func (export "blend")
    (param $dst i32) (param $dstStride i32)
    (param $alpha i32) (param $pre i32) (param $srcStride i32)
    (param $width i32) (param $height i32)
    (local $y i32) (local $x i32) (local $d i32) (local $a i32) (local $p i32)
    (local $av v128) (local $dv v128) (local $inv v128) (local $lo v128) (local $hi v128)
    (local $s i32)
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $height)))
        (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $dstStride))))
        (local.set $a (i32.add (local.get $alpha) (i32.mul (local.get $y) (local.get $srcStride))))
        (local.set $p
          (i32.add (local.get $pre) (i32.shl (i32.mul (local.get $y) (local.get $srcStride)) (i32.const 1))))
        (local.set $x (i32.const 0))
        ;; Sixteen samples at a time.
        (block $simdDone
          (loop $simd
            (br_if $simdDone (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $width)))
            (local.set $av (v128.load (i32.add (local.get $a) (local.get $x))))
            (if (v128.any_true (local.get $av))
              (then
                (local.set $dv (v128.load (i32.add (local.get $d) (local.get $x))))
                (local.set $inv (i8x16.sub (v128.const i8x16 255 255 255 255 255 255 255 255 255 255 255 255 255 255 255 255)
                                           (local.get $av)))
                (local.set $lo
                  (i16x8.add
                    (i16x8.add
                      (i16x8.extmul_low_i8x16_u (local.get $dv) (local.get $inv))
                      (v128.load (i32.add (local.get $p) (i32.shl (local.get $x) (i32.const 1)))))
                    (v128.const i16x8 128 128 128 128 128 128 128 128)))
                (local.set $hi
                  (i16x8.add
                    (i16x8.add
                      (i16x8.extmul_high_i8x16_u (local.get $dv) (local.get $inv))
                      (v128.load offset=16 (i32.add (local.get $p) (i32.shl (local.get $x) (i32.const 1)))))
                    (v128.const i16x8 128 128 128 128 128 128 128 128)))
                (v128.store (i32.add (local.get $d) (local.get $x))
                  (i8x16.narrow_i16x8_u
                    (i16x8.shr_u (i16x8.add (local.get $lo) (i16x8.shr_u (local.get $lo) (i32.const 8))) (i32.const 8))
                    (i16x8.shr_u (i16x8.add (local.get $hi) (i16x8.shr_u (local.get $hi) (i32.const 8))) (i32.const 8))))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $simd)))
        ;; The rest one by one.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $x) (local.get $width)))
            (local.set $s
              (i32.add
                (i32.add
                  (i32.mul (i32.load8_u (i32.add (local.get $d) (local.get $x)))
                           (i32.sub (i32.const 255) (i32.load8_u (i32.add (local.get $a) (local.get $x)))))
                  (i32.load16_u (i32.add (local.get $p) (i32.shl (local.get $x) (i32.const 1)))))
                (i32.const 128)))
            (i32.store8 (i32.add (local.get $d) (local.get $x))
              (i32.shr_u (i32.add (local.get $s) (i32.shr_u (local.get $s) (i32.const 8))) (i32.const 8)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $tail)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))
)
