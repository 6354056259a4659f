import { Construction } from 'lucide-react';
import type { Section } from '../../app/sections';
import { Badge } from '../../ui/Feedback';

/** A section that is not built yet says so plainly, and what it will hold. */
export function UpcomingSection({ section }: { section: Section }) {
  return (
    <section className="card upcoming" aria-labelledby="upcoming-title">
      <div className="upcoming-icon" aria-hidden="true">
        <Construction size={28} />
      </div>
      <div>
        <h2 id="upcoming-title">
          {section.label} is not built yet <Badge tone="info">Coming in a later version</Badge>
        </h2>
        <p>Nothing is stored here yet. When it arrives, this section will hold:</p>
        <ul>
          {section.upcoming?.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
