import { parseCalendarStep } from './calendar-step-input.js';

describe('parseCalendarStep', () => {
  it('reads numbers and numeric strings, skipping empty form fields', () => {
    expect(parseCalendarStep({ days: 1, months: '2', minutes: '' })).toEqual({
      days: 1,
      months: 2,
    });
  });

  it.each([
    [{ hours: 1 }, /unknown clock step hours/],
    [{ days: -1 }, /days must be a whole number/],
    [{ months: 1.5 }, /months must be a whole number/],
    [{ minutes: 'ten' }, /minutes must be a whole number/],
    [null, /must be an object/],
  ])('refuses %p', (input, message) => {
    expect(parseCalendarStep(input)).toMatch(message);
  });
});
