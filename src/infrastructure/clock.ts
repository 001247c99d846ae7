/** The time source of rules that compare against "now"; tests replace `now` to hit exact boundaries. */
export interface Clock {
  now(): Date;
}

/**
 * The wall clock. createServices makes one per process and hands it to every
 * service and resolver, so a test moves "now" for all of them at once
 * (jest.spyOn(app.services.clock, 'now')) and two test apps never share one.
 */
export function systemClock(): Clock {
  return { now: () => new Date() };
}
