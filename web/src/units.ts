// Lengths (self-tests in cm) are recorded and stored in centimetres; the page shows them in the unit the person
// chose in Settings ("units": metric = centimetres, imperial = inches). Degrees and pass/fail never change.
import { loadPrefs } from './prefs';

export type Units = 'metric' | 'imperial';
export const CM_PER_INCH = 2.54;

const round1 = (v: number) => Math.round(v * 10) / 10;

export const currentUnits = (): Units => (loadPrefs().units === 'imperial' ? 'imperial' : 'metric');

// The unit a value recorded in `stored` ("cm", "deg", "pass-fail") is shown in.
export const shownUnit = (stored: string, units: Units = currentUnits()) => (stored === 'cm' && units === 'imperial' ? 'in' : stored);

// A stored value in the shown unit, to a tenth.
export const toShown = (stored: string, v: number, units: Units = currentUnits()) => round1(stored === 'cm' && units === 'imperial' ? v / CM_PER_INCH : v);

// A value typed in the shown unit, back in the stored one (to a hundredth of a centimetre, so that a typed
// inch value comes back the same).
export const toStored = (stored: string, v: number, units: Units = currentUnits()) =>
  stored === 'cm' && units === 'imperial' ? Math.round(v * CM_PER_INCH * 100) / 100 : v;
