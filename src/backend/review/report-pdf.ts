/**
 * The monthly report as a PDF made on the hub (pdf-lib), laid out for paper: US Letter, the
 * "LAW ENFORCEMENT SENSITIVE" marking at the top and bottom of every page, figures in labelled
 * tables, long tables continued on new pages with their header repeated, "Page n of N".
 * Only the standard Helvetica fonts are used (nothing to embed); text outside printable ASCII is
 * replaced so a stray character in a name cannot stop the report.
 */
import type { ColorTypes, PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { type MonthlyReport, trainingLapsesAt } from './monthly-report.js';
import { MARKING } from './report-csv.js';

const PAGE: [number, number] = [612, 792];
const MARGIN = 54;
const BAND = 22;
/** pdf-lib's rgb(), written out: the library is loaded when a report is made, not at every start of the hub. */
const rgb = (red: number, green: number, blue: number): RGB => ({ type: 'RGB' as ColorTypes.RGB, red, green, blue });
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.8, 0.8, 0.83);
const BAND_FILL = rgb(0.55, 0.08, 0.08);

const printable = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');

/** "1 min 05 s", "42 s", "2 h 03 min": how a supervisor reads a response time. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const monthName = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
};

class Layout {
  page!: PDFPage;
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN - BAND;
  }

  /** Starts a new page unless `height` points still fit above the bottom band. */
  room(height: number): boolean {
    if (this.y - height >= MARGIN + BAND) return false;
    this.newPage();
    return true;
  }

  text(s: string, x: number, size: number, font = this.regular, color = INK): void {
    this.page.drawText(printable(s), { x, y: this.y, size, font, color });
  }

  right(s: string, xRight: number, size: number, font = this.regular): void {
    const t = printable(s);
    this.page.drawText(t, { x: xRight - font.widthOfTextAtSize(t, size), y: this.y, size, font, color: INK });
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 4 }, end: { x: PAGE[0] - MARGIN, y: this.y - 4 }, thickness: 0.5, color: RULE });
  }

  heading(s: string): void {
    this.room(60);
    this.y -= 22;
    this.text(s, MARGIN, 13, this.bold);
    this.y -= 6;
    this.rule();
    this.y -= 14;
  }

  /** Label and value rows in two columns of pairs. */
  figures(rows: [string, string][]): void {
    const colWidth = (PAGE[0] - 2 * MARGIN) / 2;
    for (let i = 0; i < rows.length; i += 2) {
      this.room(16);
      for (const [j, pair] of [rows[i], rows[i + 1]].entries()) {
        if (!pair) continue;
        const x = MARGIN + j * colWidth;
        this.text(pair[0], x, 10, this.regular, MUTED);
        this.right(pair[1], x + colWidth - 16, 11, this.bold);
      }
      this.y -= 16;
    }
  }

  /** A table: column titles (bold), rows; the title row repeats on each new page. */
  table(columns: { title: string; x: number; alignRight?: boolean }[], rows: string[][], empty: string): void {
    const header = (): void => {
      for (const c of columns) {
        if (c.alignRight) this.right(c.title, c.x, 9, this.bold);
        else this.text(c.title, c.x, 9, this.bold, MUTED);
      }
      this.rule();
      this.y -= 16;
    };
    this.room(32);
    if (rows.length === 0) {
      this.text(empty, MARGIN, 10, this.regular, MUTED);
      this.y -= 16;
      return;
    }
    header();
    for (const row of rows) {
      if (this.room(14)) header();
      for (const [i, c] of columns.entries()) {
        if (c.alignRight) this.right(row[i] ?? '', c.x, 10);
        else this.text(row[i] ?? '', c.x, 10);
      }
      this.y -= 14;
    }
  }
}

export async function monthlyPdf(r: MonthlyReport, meta: { generatedAt: string; generatedBy: string }): Promise<Uint8Array> {
  // Loaded here, not with the hub: pdf-lib was a tenth of a second of every start (a restart is what a reconnect storm waits for).
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const title = `OpenTAS monthly audit report - ${monthName(r.month)} - ${r.unit ?? 'all units'}`;
  doc.setTitle(printable(title));
  doc.setSubject(MARKING);
  doc.setProducer('OpenTAS hub');
  doc.setCreationDate(new Date(meta.generatedAt));
  const l = new Layout(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  l.text('Monthly audit report', MARGIN, 20, l.bold);
  l.y -= 22;
  l.text(`${monthName(r.month)}  |  ${r.unit ?? 'All units'}`, MARGIN, 13);
  l.y -= 16;
  l.text(`Generated ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC by ${meta.generatedBy}. Alerts ingested in the month (UTC) and delivered${r.unit ? ` to ${r.unit}` : ''}.`, MARGIN, 9, l.regular, MUTED);

  const a = r.alerts;
  l.heading('Alerts');
  l.figures([
    ['Delivered', String(a.delivered)], ['Never acknowledged', String(a.neverAcknowledged)],
    ['Acknowledged', String(a.acknowledged)], ['Escalated (not verified in 10 min)', String(a.escalated)],
    ['Verified in LEADS/NCIC', String(a.verified)], ['Action taken', String(a.actionTaken)],
    ['Confirmed', String(a.confirmed)], ['Closed', String(a.closed)],
    ['Not confirmed (misreads caught)', String(a.notConfirmed)],
  ]);
  l.heading('Response times (from ingestion)');
  l.figures([
    ['Time to acknowledge, median (p50)', duration(r.timeToAcknowledgeMs.p50)], ['Time to verify, median (p50)', duration(r.timeToVerifyMs.p50)],
    ['Time to acknowledge, p90', duration(r.timeToAcknowledgeMs.p90)], ['Time to verify, p90', duration(r.timeToVerifyMs.p90)],
  ]);
  l.heading('Activity in the month');
  l.figures([
    ['Refused acknowledgement attempts', String(r.refusals)], ['Zone changes', String(r.zoneChanges)],
    ['Failed sign-ins', String(r.failedLogins)], ['Plate searches', String(r.searches)],
    ['Account lockouts', String(r.lockouts)], ['Exports of the log, reports, evidence', String(r.exports)],
  ]);
  l.heading('By user');
  const right = PAGE[0] - MARGIN;
  l.table(
    [{ title: 'User', x: MARGIN }, { title: 'Acknowledged', x: right - 200, alignRight: true }, { title: 'Verified', x: right - 100, alignRight: true }, { title: 'Action taken', x: right, alignRight: true }],
    r.byUser.map((u) => [u.username, String(u.acknowledged), String(u.verified), String(u.actionTaken)]),
    'No user received an alert in this month.',
  );
  l.heading('Certification or training lapsing within 60 days of month end');
  l.table(
    [{ title: 'User', x: MARGIN }, { title: 'LEADS certified until', x: MARGIN + 200 }, { title: 'Training expires', x: MARGIN + 360 }],
    r.certificationsLapsing.map((u) => [u.username, u.leadsCertifiedUntil.slice(0, 10), trainingLapsesAt(u.trainedAt).toISOString().slice(0, 10)]),
    'None.',
  );

  const pages = doc.getPages();
  const bold = l.bold;
  for (const [i, page] of pages.entries()) {
    for (const y of [PAGE[1] - BAND - 18, 18]) {
      page.drawRectangle({ x: 0, y, width: PAGE[0], height: BAND, color: BAND_FILL });
      const w = bold.widthOfTextAtSize(MARKING, 11);
      page.drawText(MARKING, { x: (PAGE[0] - w) / 2, y: y + 7, size: 11, font: bold, color: rgb(1, 1, 1) });
    }
    const n = `Page ${i + 1} of ${pages.length}`;
    page.drawText(n, { x: PAGE[0] - MARGIN - l.regular.widthOfTextAtSize(n, 8), y: 46, size: 8, font: l.regular, color: MUTED });
    page.drawText(printable(title), { x: MARGIN, y: 46, size: 8, font: l.regular, color: MUTED });
  }
  return doc.save();
}
