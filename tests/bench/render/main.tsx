import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Appointment } from '../../../shared/contract/appointments';
import { TimeGrid, type GridColumn } from '../../../renderer/features/schedule/calendar/TimeGrid';
import '../../../renderer/styles.css';
import '../../../renderer/features/schedule/calendar/calendar.css';

/**
 * The day view with 1,000 appointments (10 providers × 100, 08:00–18:00, in
 * overlapping lanes), timed against the plainest page showing the same boxes:
 * absolutely positioned divs with the same text. Each run mounts from scratch
 * and waits for the first painted frame, as the first look at a busy day does.
 */
const DATE = '2026-11-30';
const PROVIDERS = 10;
const PER_PROVIDER = 100;
const PX = 1.6;
const pad = (n: number) => String(n).padStart(2, '0');
const wall = (minute: number) => `${DATE}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

function appointments(column: number): Appointment[] {
  return Array.from({ length: PER_PROVIDER }, (_, i) => {
    // Every 6 minutes a 15-minute appointment: up to three side by side.
    const start = 8 * 60 + i * 6;
    const id = `a-${column}-${i}`;
    return {
      id,
      patient: { id: `p-${column}-${i}`, name: `Patient ${column}-${i}, Someone`, mrn: String(100000 + i), phone: '(555) 555-0100', dob: '1980-01-01' },
      providerId: `s-${column}`,
      providerName: `Dr Provider ${column}`,
      roomId: null,
      roomName: null,
      typeId: 't',
      typeName: 'Follow-up',
      colour: '#2b6cb0',
      start: wall(start),
      end: wall(start + 15),
      status: (['booked', 'confirmed', 'arrived', 'in_room', 'completed'] as const)[i % 5]!,
      reason: '',
      note: '',
      seriesId: null,
      arrivedAt: i % 5 === 2 ? '2026-11-30T16:40:00.000Z' : null,
      inRoomAt: null,
      completedAt: null,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: '',
      lateCancel: false,
      overrideReason: '',
    };
  });
}

const columns: GridColumn[] = Array.from({ length: PROVIDERS }, (_, c) => ({
  key: `s-${c}`,
  label: `Dr Provider ${c}`,
  sublabel: 'Physician',
  colour: '#2b6cb0',
  date: DATE,
  target: { providerId: `s-${c}` },
  working: [{ start: wall(8 * 60), end: wall(18 * 60) }],
  timeOff: [],
  open: { opens: '08:00', closes: '18:00' },
  appointments: appointments(c),
}));
const total = columns.reduce((n, c) => n + c.appointments.length, 0);

function Grid() {
  return (
    <TimeGrid
      label="Benchmark day"
      columns={columns}
      hours={[8, 18]}
      slotMinutes={15}
      order="MDY"
      now={`${DATE}T12:00`}
      nowInstant={Date.parse('2026-11-30T17:00:00Z')}
      canBook
      canOverride={false}
      canMove={() => true}
      onSlot={() => undefined}
      onRefused={() => undefined}
      onOpen={() => undefined}
      onMove={() => undefined}
    />
  );
}

/** The floor: the same boxes, absolutely positioned, with the same text, and nothing else. */
function Boxes() {
  return (
    <div style={{ display: 'flex', height: 600 * PX }}>
      {columns.map((c) => (
        <div key={c.key} style={{ position: 'relative', flex: 1 }}>
          {c.appointments.map((a, i) => (
            <div key={a.id} style={{ position: 'absolute', top: (i * 6) * PX, height: 15 * PX - 2, left: `${(i % 3) * 33}%`, width: '33%', overflow: 'hidden' }}>
              <span>8:00 AM</span> <span>{a.patient.name}</span> <span>{a.typeName}</span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

const container = document.getElementById('root')!;

/** The next frame has been laid out and painted: a task queued from requestAnimationFrame runs after the paint. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Mounts one view from nothing up to the first painted frame; milliseconds. */
async function once(kind: 'grid' | 'boxes'): Promise<number> {
  await painted();
  const root = createRoot(container);
  const start = performance.now();
  flushSync(() => root.render(kind === 'grid' ? <Grid /> : <Boxes />));
  await painted();
  const elapsed = performance.now() - start;
  const shown = container.querySelectorAll(kind === 'grid' ? '.cal-appt' : '[style*="absolute"]').length;
  root.unmount();
  if (shown !== total) throw new Error(`Rendered ${shown} boxes, expected ${total}`);
  return elapsed;
}

declare global {
  interface Window {
    keelRenderBench: (rounds: number, warmup: number) => Promise<{ grid: number[]; boxes: number[]; appointments: number }>;
  }
}

window.keelRenderBench = async (rounds, warmup) => {
  for (let i = 0; i < warmup; i++) {
    await once('grid');
    await once('boxes');
  }
  const grid: number[] = [];
  const boxes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate the order so both see the same state of the page.
    if (i % 2 === 0) {
      grid.push(await once('grid'));
      boxes.push(await once('boxes'));
    } else {
      boxes.push(await once('boxes'));
      grid.push(await once('grid'));
    }
  }
  return { grid, boxes, appointments: total };
};
