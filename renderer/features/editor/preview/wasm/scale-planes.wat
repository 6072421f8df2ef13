;; Bilinear plane scaling, the same arithmetic as PlaneScaler in scale-planes.ts (bit for bit):
;; each source row is scaled horizontally once into a 16-bit row, (a·(256−w) + b·w) >> 1 (seven
;; fractional bits: at most 32640, so signed 16-bit lanes hold it), kept in the even or odd row
;; slot by its parity; each output row blends two such rows with SIMD as
;; (upper + round(d·w / 256) + 64) >> 7, d = lower − upper, the product rounded by
;; i16x8.q15mulr_sat_s with w·128 as a Q15 factor — sixteen samples in two 16-bit vectors, no
;; 32-bit products. Taps are i32 arrays made by axisTaps().
;; Regenerate scale-planes.wasm.ts with `node scripts/wat-to-ts.mjs` after editing.
(module
  (import "env" "memory" (memory 1))
  (func $hrow (param $base i32) (param $into i32) (param $width i32)
              (param $xi i32) (param $xn i32) (param $xw i32)
    (local $x i32) (local $a i32) (local $b i32) (local $off i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $width)))
        (local.set $off (i32.shl (local.get $x) (i32.const 2)))
        (local.set $a (i32.load8_u
          (i32.add (local.get $base) (i32.load (i32.add (local.get $xi) (local.get $off))))))
        (local.set $b (i32.load8_u
          (i32.add (local.get $base) (i32.load (i32.add (local.get $xn) (local.get $off))))))
        (i32.store16
          (i32.add (local.get $into) (i32.shl (local.get $x) (i32.const 1)))
          (i32.shr_u
            (i32.add
              (i32.shl (local.get $a) (i32.const 8))
              (i32.mul (i32.sub (local.get $b) (local.get $a))
                       (i32.load (i32.add (local.get $xw) (local.get $off)))))
            (i32.const 1)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $next))))
  ;; The same row eight outputs at a time: each block record (80 bytes) holds the source index
  ;; its eight outputs start from (i32), two byte shuffles picking each output's two source bytes
  ;; into 16-bit lanes (index 255 gives 0: the high bytes), and the weights w and 256 − w.
  ;; a·(256 − w) + b·w < 65536, so 16-bit lanes hold it exactly (before the shift).
  (func $hrowSimd (param $base i32) (param $into i32) (param $blocks i32) (param $count i32)
    (local $i i32) (local $rec i32) (local $s v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $rec (i32.add (local.get $blocks) (i32.mul (local.get $i) (i32.const 80))))
        (local.set $s (v128.load (i32.add (local.get $base) (i32.load (local.get $rec)))))
        (v128.store
          (i32.add (local.get $into) (i32.shl (local.get $i) (i32.const 4)))
          (i16x8.shr_u
            (i16x8.add
              (i16x8.mul
                (i8x16.swizzle (local.get $s) (v128.load offset=16 (local.get $rec)))
                (v128.load offset=64 (local.get $rec)))
              (i16x8.mul
                (i8x16.swizzle (local.get $s) (v128.load offset=32 (local.get $rec)))
                (v128.load offset=48 (local.get $rec))))
            (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "scale")
    (param $src i32) (param $srcStride i32) (param $outW i32) (param $outH i32)
    (param $out i32) (param $outStride i32)
    (param $xi i32) (param $xn i32) (param $xw i32)
    (param $yi i32) (param $yn i32) (param $yw i32)
    (param $even i32) (param $odd i32) (param $blocks i32)
    (local $y i32) (local $y0 i32) (local $y1 i32) (local $w i32)
    (local $heldEven i32) (local $heldOdd i32) (local $r i32) (local $pass i32)
    (local $upper i32) (local $lower i32) (local $target i32) (local $x i32)
    (local $wv v128) (local $upperSample i32) (local $upperLo v128) (local $upperHi v128)
    (local $at i32) (local $gap i32)
    (local.set $heldEven (i32.const -1))
    (local.set $heldOdd (i32.const -1))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $outH)))
        (local.set $y0 (i32.load (i32.add (local.get $yi) (i32.shl (local.get $y) (i32.const 2)))))
        (local.set $y1 (i32.load (i32.add (local.get $yn) (i32.shl (local.get $y) (i32.const 2)))))
        (local.set $w (i32.load (i32.add (local.get $yw) (i32.shl (local.get $y) (i32.const 2)))))
        ;; Make sure both source rows are scaled horizontally.
        (local.set $pass (i32.const 0))
        (block $passesDone
          (loop $passes
            (br_if $passesDone (i32.ge_u (local.get $pass) (i32.const 2)))
            (local.set $r (select (local.get $y0) (local.get $y1) (i32.eqz (local.get $pass))))
            (if (i32.and (local.get $r) (i32.const 1))
              (then
                (if (i32.ne (local.get $heldOdd) (local.get $r))
                  (then
                    (if (local.get $blocks)
                      (then
                        (call $hrowSimd (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride)))
                          (local.get $odd) (local.get $blocks) (i32.shr_u (i32.add (local.get $outW) (i32.const 7)) (i32.const 3))))
                      (else
                        (call $hrow (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride)))
                          (local.get $odd) (local.get $outW) (local.get $xi) (local.get $xn) (local.get $xw))))
                    (local.set $heldOdd (local.get $r)))))
              (else
                (if (i32.ne (local.get $heldEven) (local.get $r))
                  (then
                    (if (local.get $blocks)
                      (then
                        (call $hrowSimd (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride)))
                          (local.get $even) (local.get $blocks) (i32.shr_u (i32.add (local.get $outW) (i32.const 7)) (i32.const 3))))
                      (else
                        (call $hrow (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride)))
                          (local.get $even) (local.get $outW) (local.get $xi) (local.get $xn) (local.get $xw))))
                    (local.set $heldEven (local.get $r))))))
            (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
            (br $passes)))
        (local.set $upper (select (local.get $odd) (local.get $even) (i32.and (local.get $y0) (i32.const 1))))
        (local.set $lower (select (local.get $odd) (local.get $even) (i32.and (local.get $y1) (i32.const 1))))
        ;; w·128 as a Q15 factor (w < 256: at most 32640).
        (local.set $wv (i16x8.splat (i32.shl (local.get $w) (i32.const 7))))
        (local.set $target (i32.add (local.get $out) (i32.mul (local.get $y) (local.get $outStride))))
        (local.set $x (i32.const 0))
        (local.set $gap (i32.sub (local.get $lower) (local.get $upper)))
        ;; Sixteen samples at a time, both rows read from $at ($gap: lower − upper).
        (block $simdDone
          (loop $simd
            (br_if $simdDone (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $outW)))
            (local.set $at (i32.add (local.get $upper) (i32.shl (local.get $x) (i32.const 1))))
            (v128.store (i32.add (local.get $target) (local.get $x))
              (i8x16.narrow_i16x8_u
                (i16x8.shr_u
                  (i16x8.add
                    (i16x8.add
                      (local.tee $upperLo (v128.load (local.get $at)))
                      (i16x8.q15mulr_sat_s
                        (i16x8.sub (v128.load (i32.add (local.get $at) (local.get $gap))) (local.get $upperLo))
                        (local.get $wv)))
                    (v128.const i16x8 64 64 64 64 64 64 64 64))
                  (i32.const 7))
                (i16x8.shr_u
                  (i16x8.add
                    (i16x8.add
                      (local.tee $upperHi (v128.load offset=16 (local.get $at)))
                      (i16x8.q15mulr_sat_s
                        (i16x8.sub (v128.load offset=16 (i32.add (local.get $at) (local.get $gap))) (local.get $upperHi))
                        (local.get $wv)))
                    (v128.const i16x8 64 64 64 64 64 64 64 64))
                  (i32.const 7))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $simd)))
        ;; The rest one by one: q15mulr's (d·w·128 + 16384) >> 15 in 32 bits.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $x) (local.get $outW)))
            (local.set $upperSample (i32.load16_u (i32.add (local.get $upper) (i32.shl (local.get $x) (i32.const 1)))))
            (i32.store8 (i32.add (local.get $target) (local.get $x))
              (i32.shr_u
                (i32.add
                  (i32.add
                    (local.get $upperSample)
                    (i32.shr_s
                      (i32.add
                        (i32.mul
                          (i32.sub (i32.load16_u (i32.add (local.get $lower) (i32.shl (local.get $x) (i32.const 1))))
                                   (local.get $upperSample))
                          (i32.shl (local.get $w) (i32.const 7)))
                        (i32.const 16384))
                      (i32.const 15)))
                  (i32.const 64))
                (i32.const 7)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $tail)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))
)
