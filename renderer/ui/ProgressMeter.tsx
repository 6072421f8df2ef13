import { ProgressBar, type ProgressBarProps } from 'react-aria-components'

/**
 * A labelled progress bar: React Aria's ProgressBar (role, value, label for screen readers)
 * drawn as its text over a thin bar. Used for long work: imports, exports.
 */
export function ProgressMeter(props: Omit<ProgressBarProps, 'children'>) {
  return (
    <ProgressBar
      {...props}
      className={['progress-meter', props.className].filter(Boolean).join(' ')}
    >
      {({ percentage, valueText }) => (
        <>
          <span>{valueText}</span>
          <div className="progress-meter__bar">
            <div style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  )
}
