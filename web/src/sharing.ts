// The five categories a client shares with a trainer (docs/accounts.md, "Invitations and consent"), in words,
// for the pages that show or choose them. Kept out of api.ts, so that the shell does not carry them.
import type { Sharing } from './api';

export const sharingCategories: { key: keyof Sharing; label: string; hint: string }[] = [
  { key: 'sessions', label: 'Sessions and adherence', hint: 'when you rolled, for how long, and your weekly target' },
  { key: 'trends', label: 'Sensation trends and pain alerts', hint: 'how strong each area felt, and alerts about pain' },
  { key: 'self_tests', label: 'Self-tests', hint: 'your range-of-motion measurements' },
  { key: 'soreness', label: 'Soreness', hint: 'how sore you said you were' },
  { key: 'screening', label: 'Your screening', hint: 'your conditions and what is blocked, and so why a step was changed for you' },
];
