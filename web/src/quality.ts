// The check-in qualities in words, and which of them are pain rather than the useful pressure of rolling
// (domain.md "Check-in"; R3). The player asks with them; the journal shows them.
import type { Quality } from './api';

export const qualities: { id: Quality; label: string; pain: boolean }[] = [
  { id: 'pressure', label: 'Pressure', pain: false },
  { id: 'ache', label: 'Dull ache', pain: false },
  { id: 'good-hurt', label: 'Good hurt', pain: false },
  { id: 'sharp', label: 'Sharp', pain: true },
  { id: 'burning', label: 'Burning', pain: true },
  { id: 'stinging', label: 'Stinging', pain: true },
  { id: 'stabbing', label: 'Stabbing', pain: true },
  { id: 'radiating', label: 'Spreading', pain: true },
  { id: 'numb', label: 'Numb', pain: true },
  { id: 'tingling', label: 'Tingling', pain: true },
];

export const qualityLabel = (q: string) => qualities.find((x) => x.id === q)?.label ?? q;
export const isPain = (q: string) => qualities.find((x) => x.id === q)?.pain ?? false;
