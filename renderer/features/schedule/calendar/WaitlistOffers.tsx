import { ListChecks } from 'lucide-react';
import type { WaitlistEntry, WaitlistOffer } from '../../../../shared/contract/waitlist';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDayShort, formatWallTime } from '../../../../shared/domain/format';
import { navigate } from '../../../app/route';
import { Button } from '../../../ui/Button';
import { Badge } from '../../../ui/Feedback';
import { Revealed } from '../../../ui/Reveal';

const URGENCY_TONE = { urgent: 'bad', soon: 'warn', routine: 'neutral' } as const;

/**
 * A freed slot that suits people on the waitlist, as actions that stay until
 * used or dismissed: "Offer to Garcia, Ana" opens the booking form for them in
 * that slot. It takes the focus when it appears (the dialog that freed the slot
 * has just closed).
 */
export function WaitlistOffers({ offers, order, onOffer, onDismiss }: { offers: readonly WaitlistOffer[]; order: DateOrder; onOffer: (entry: WaitlistEntry, slot: WaitlistOffer['slot']) => void; onDismiss: () => void }) {
  return (
    <Revealed key={offers.map((o) => o.slot.start).join('|')} label="Waitlist matches for the freed time" className="cal-offers">
      {offers.map((offer) => (
        <div key={`${offer.slot.providerId}|${offer.slot.start}`} className="cal-offer-row">
          <ListChecks size={18} aria-hidden="true" />
          <span>
            {formatDayShort(offer.slot.start.slice(0, 10), order)} {formatWallTime(offer.slot.start.slice(11), order)} with {offer.slot.providerName} is free and suits {offer.entries.length} on the waitlist:
          </span>
          {offer.entries.slice(0, 3).map((entry) => (
            <Button key={entry.id} variant="primary" onClick={() => onOffer(entry, offer.slot)}>
              Offer to {entry.patient.name}
              <Badge tone={URGENCY_TONE[entry.urgency]}>{entry.urgency}</Badge>
            </Button>
          ))}
          {offer.entries.length > 3 && <span className="muted small">and {offer.entries.length - 3} more</span>}
        </div>
      ))}
      <div className="cal-offer-actions">
        <a
          href="#/schedule/waitlist"
          onClick={(e) => {
            e.preventDefault();
            navigate('/schedule/waitlist');
          }}
        >
          Open the waitlist
        </a>
        <button type="button" className="icon-button" aria-label="Dismiss the waitlist matches" onClick={onDismiss}>
          ×
        </button>
      </div>
    </Revealed>
  );
}
