// "My trainers" (accounts mode, docs/accounts.md): each trainer with what they see and Leave, and the routines
// from them, each through the person's own safety gate.
import * as api from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { FromTrainer } from '../components/FromTrainer';
import { TrainerCard } from '../components/TrainerCard';
import { useApi } from '../components/useApi';

export function MyTrainers() {
  const [list, reload] = useApi(api.myTrainers);
  return (
    <section aria-labelledby="trainers-title">
      <h1 id="trainers-title">My trainers</h1>
      {!list && <Loading what="your trainers" />}
      {list && !list.ok && <ErrorState error={list.error} what="Your trainers" onRetry={reload} />}
      {list?.ok && list.data.length === 0 && (
        <p data-testid="no-trainers">You have no trainer. A trainer sends you a link; open it while signed in to accept.</p>
      )}
      {list?.ok && list.data.map((t) => <TrainerCard key={t.id} trainer={t} onLeft={reload} />)}
      <FromTrainer />
    </section>
  );
}
