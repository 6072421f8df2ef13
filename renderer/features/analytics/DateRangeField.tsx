import { parseDate, type CalendarDate } from '@internationalized/date'
import { useMemo } from 'react'
import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react'
import {
  Button,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DateRangePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Label,
  Popover,
  RangeCalendar,
} from 'react-aria-components'
import type { DayRange } from '../../../shared/analytics/metric-math'

/**
 * A custom date range beside the preset periods: typed day by day (arrow keys step each part) or
 * picked in a calendar (arrow keys move, Enter picks the start and then the end). Days outside
 * the account's history cannot be chosen.
 */
export function DateRangeField({
  value,
  min,
  max,
  onChange,
}: {
  value: DayRange | null
  min: string
  max: string
  onChange: (range: DayRange) => void
}) {
  // Stable objects: react-aria re-syncs its segments whenever the value's identity changes.
  const from = value?.from ?? null
  const to = value?.to ?? null
  const range = useMemo(
    () => (from && to ? { start: parseDate(from), end: parseDate(to) } : null),
    [from, to],
  )
  const minValue = useMemo(() => parseDate(min), [min])
  const maxValue = useMemo(() => parseDate(max), [max])
  const toDay = (d: CalendarDate) => d.toString()
  return (
    <DateRangePicker
      className="daterange"
      // Uncontrolled: a controlled value would wipe a date half typed (react-aria commits as soon
      // as every part has a digit, and this field ignores such a range until it is whole).
      defaultValue={range}
      minValue={minValue}
      maxValue={maxValue}
      shouldForceLeadingZeros
      validationBehavior="aria"
      onChange={(r) => {
        // Typing commits as soon as every part has a digit ("2" is a whole year): only a range
        // inside the account's history, start before end, replaces the one shown.
        if (!r || r.end.compare(r.start) < 0) return
        if (r.start.compare(minValue) < 0 || r.end.compare(maxValue) > 0) return
        onChange({ from: toDay(r.start), to: toDay(r.end) })
      }}
    >
      <Label className="visually-hidden">Custom range</Label>
      <Group className="daterange__group" data-selected={value ? true : undefined}>
        <DateInput slot="start" className="daterange__input">
          {(segment) => <DateSegment segment={segment} className="daterange__segment" />}
        </DateInput>
        <span aria-hidden className="daterange__dash">
          –
        </span>
        <DateInput slot="end" className="daterange__input">
          {(segment) => <DateSegment segment={segment} className="daterange__segment" />}
        </DateInput>
        <Button className="daterange__open" aria-label="Pick the range in a calendar">
          <CalendarDays size={14} aria-hidden />
        </Button>
      </Group>
      <FieldError className="daterange__error" />
      <Popover className="daterange__popover" placement="bottom end">
        <Dialog className="daterange__dialog" aria-label="Custom range">
          <RangeCalendar className="daterange__calendar">
            <header className="daterange__header">
              <Button slot="previous" aria-label="Previous month">
                <ChevronLeft size={16} aria-hidden />
              </Button>
              <Heading className="daterange__heading" />
              <Button slot="next" aria-label="Next month">
                <ChevronRight size={16} aria-hidden />
              </Button>
            </header>
            <CalendarGrid className="daterange__grid">
              {(date) => <CalendarCell date={date} className="daterange__cell" />}
            </CalendarGrid>
          </RangeCalendar>
        </Dialog>
      </Popover>
    </DateRangePicker>
  )
}
