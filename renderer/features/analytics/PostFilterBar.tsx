import {
  DURATION_BANDS,
  isFiltering,
  NO_POST_FILTER,
  type DurationBandId,
  type PostFilter,
} from '../../../shared/analytics/post-facts'

const BANDS: readonly { id: DurationBandId; label: string }[] = [
  ...DURATION_BANDS,
  { id: 'unknown', label: 'Length not known' },
]

function TriState({
  label,
  value,
  onChange,
}: {
  label: string
  value: boolean | null
  onChange: (v: boolean | null) => void
}) {
  const choices = [
    { v: null, text: 'Any' },
    { v: true, text: 'Yes' },
    { v: false, text: 'No' },
  ] as const
  return (
    <div className="chip-group" role="group" aria-label={label}>
      <span className="post-filter__label" aria-hidden>
        {label}
      </span>
      {choices.map((c) => (
        <button
          key={String(c.v)}
          type="button"
          className="chip"
          data-selected={value === c.v || undefined}
          aria-pressed={value === c.v}
          onClick={() => onChange(c.v)}
        >
          {c.text}
        </button>
      ))}
    </div>
  )
}

/**
 * Which posts the daily chart and the posts table count: by length, by whether a deal names the
 * post, by whether it has products tagged. Says how many posts match.
 */
export function PostFilterBar({
  filter,
  onChange,
  matching,
  total,
}: {
  filter: PostFilter
  onChange: (f: PostFilter) => void
  matching: number
  total: number
}) {
  const toggleBand = (id: DurationBandId) =>
    onChange({
      ...filter,
      bands: filter.bands.includes(id)
        ? filter.bands.filter((b) => b !== id)
        : [...filter.bands, id],
    })
  return (
    <section className="post-filter" aria-label="Filter posts">
      <div className="chip-group" role="group" aria-label="Video length">
        <span className="post-filter__label" aria-hidden>
          Length
        </span>
        {BANDS.map((b) => (
          <button
            key={b.id}
            type="button"
            className="chip"
            data-selected={filter.bands.includes(b.id) || undefined}
            aria-pressed={filter.bands.includes(b.id)}
            onClick={() => toggleBand(b.id)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <TriState
        label="Deal"
        value={filter.dealLinked}
        onChange={(dealLinked) => onChange({ ...filter, dealLinked })}
      />
      <TriState
        label="Products"
        value={filter.productTagged}
        onChange={(productTagged) => onChange({ ...filter, productTagged })}
      />
      {isFiltering(filter) ? (
        <p className="post-filter__count" role="status">
          {matching} of {total} posts match.{' '}
          <button type="button" className="link-button" onClick={() => onChange(NO_POST_FILTER)}>
            Clear filters
          </button>
        </p>
      ) : null}
    </section>
  )
}
