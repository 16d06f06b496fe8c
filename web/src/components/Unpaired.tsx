// What the app shows on a device that is not paired (any call answered 401 "unpaired"): how to pair, in plain
// words, instead of a broken page (docs/pairing.md).
import { CapabilityNotice } from './CapabilityNotice';

export function Unpaired() {
  return (
    <section class="unpaired" role="status" data-testid="unpaired">
      <h1>This device is not paired</h1>
      <p>
        SMR Coach keeps your journal on the computer that runs it, and only devices paired with it may use it. On that computer, run <code>smr pair</code> (or open Settings there, "Pair another device") and scan the code it shows with this device, or open the address it prints.
      </p>
      {!window.isSecureContext && (
        <p data-testid="pair-needs-https">
          This page was opened over plain http: a browser keeps the pairing only on an https address. Open the https address that <code>smr serve --lan</code> printed.
        </p>
      )}
      <CapabilityNotice />
      <p class="muted">If this device was paired before, it may have been removed (smr devices lists the paired ones).</p>
    </section>
  );
}
