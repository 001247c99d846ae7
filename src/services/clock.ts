/** The time source of rules that compare against "now"; tests replace `now` to hit exact boundaries. */
export interface Clock {
  now(): Date;
}

/** A fresh clock per owner, so replacing one owner's `now` affects nothing else. */
export function systemClock(): Clock {
  return { now: () => new Date() };
}
