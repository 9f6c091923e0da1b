import type {
  FollowUpResult, OwnSpeakUp, SpeakUpCategory, SpeakUpDetail, SpeakUpMode, SpeakUpStatus, SpeakUpSummary,
} from '../../domain/speak-up.js';
import type { Tags } from '../repositories/speak-up.repository.js';

// Presenters are allow-lists: each names every field that may leave the server. Reporters see the guardian's
// words and the day they were written; never who wrote them or when exactly.

interface ConcernIn {
  id: number; mode: string; status: string; service_id: number | null; service_name: string | null; received_on: string;
  outcome: string | null; message_count: number;
}
interface ConcernDetailIn extends ConcernIn {
  what_happened: string; raised_elsewhere: number | null; would_like_to_happen: string | null;
  reporter_name: string | null; reporter_email: string | null;
}
interface MessageIn { author: 'reporter' | 'guardian'; author_name: string | null; body: string; written_on: string }

const noTags: Tags = { themes: [], categories: [] };

const serviceOf = (r: ConcernIn) => (r.service_id != null && r.service_name != null ? { id: r.service_id, name: r.service_name } : null);

/** A row of the guardian's list: no narrative and no reporter. */
export function presentSpeakUpSummary(r: ConcernIn, tags: Tags = noTags): SpeakUpSummary {
  return {
    id: r.id, mode: r.mode as SpeakUpMode, status: r.status as SpeakUpStatus, receivedOn: r.received_on, service: serviceOf(r),
    categories: tags.categories as SpeakUpCategory[], themes: tags.themes, hasOutcome: r.outcome != null, messageCount: r.message_count,
  };
}

/** The whole report for the guardian; the reporter only when `showReporter` (named or confidential, guardian role). */
export function presentSpeakUpDetail(r: ConcernDetailIn, tags: Tags, thread: MessageIn[], showReporter: boolean): SpeakUpDetail {
  return {
    id: r.id, mode: r.mode as SpeakUpMode, status: r.status as SpeakUpStatus, receivedOn: r.received_on, service: serviceOf(r),
    categories: tags.categories as SpeakUpCategory[], themes: tags.themes,
    whatHappened: r.what_happened, raisedElsewhere: r.raised_elsewhere == null ? null : r.raised_elsewhere === 1,
    wouldLikeToHappen: r.would_like_to_happen, outcome: r.outcome,
    reporter: showReporter && r.mode !== 'anonymous' && r.reporter_name != null && r.reporter_email != null
      ? { name: r.reporter_name, email: r.reporter_email }
      : null,
    thread: thread.map((m) => ({
      author: m.author, authorName: m.author === 'guardian' ? m.author_name : null, text: m.body, on: m.written_on,
    })),
  };
}

const repliesIn = (thread: MessageIn[]) =>
  thread.filter((m) => m.author === 'guardian').map((m) => ({ text: m.body, on: m.written_on }));

/** A named or confidential reporter's own report: what they wrote, where it stands, and the guardian's replies. */
export function presentOwnSpeakUp(r: ConcernIn & { what_happened: string }, thread: MessageIn[]): OwnSpeakUp {
  return {
    id: r.id, mode: r.mode as SpeakUpMode, status: r.status as SpeakUpStatus, receivedOn: r.received_on, service: serviceOf(r),
    whatHappened: r.what_happened, replies: repliesIn(thread),
  };
}

/** What a receipt key opens: the status, the report, and the conversation since, without a name in it. */
export function presentFollowUp(
  r: { status: string; received_on: string; what_happened: string }, messages: { author: string; body: string; written_on: string }[], isMessageAdded: boolean,
): FollowUpResult {
  return {
    status: r.status as SpeakUpStatus, receivedOn: r.received_on, whatHappened: r.what_happened,
    messages: messages.map((m) => ({ from: m.author === 'reporter' ? 'you' as const : 'guardian' as const, text: m.body, on: m.written_on })), isMessageAdded,
  };
}
