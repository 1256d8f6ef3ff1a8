// What to do about an uncertain step (a message that may or may not have gone out), said
// the same way by send, log and check. Where to look is the server's side: relance's own
// archive may lack a message the server took just before a run was stopped.

/** `the Bcc mailbox … or the SMTP server's sent folder or log`. */
export function lookUpPlaces(bcc: string | null): string {
  return `${bcc === null ? '' : `the Bcc mailbox ${bcc} or `}the SMTP server's sent folder or log`;
}

/** Why not relance's own archive. */
export const NOT_THE_ARCHIVE = "not in relance's own archive, which may lack it";

/** `look for Message-ID <…> in the Bcc mailbox … or in the SMTP server's sent folder or log (not in relance's own archive, …)`. */
export function whereToLook(messageId: string | null, bcc: string | null): string {
  const id = messageId === null ? 'the message' : `Message-ID ${messageId}`;
  return `look for ${id} in ${lookUpPlaces(bcc).replace(' or the SMTP', ' or in the SMTP')} (${NOT_THE_ARCHIVE})`;
}

/** The commands that settle one uncertain step, once looked up. */
export function settleOne(invoice: string, step: string): string {
  return `relance record ${invoice} sent --step ${step} if it is there, or not-sent to send it again`;
}

/** The command that settles several at once. */
export const SETTLE_ALL = 'relance record --uncertain sent (or not-sent) settles every uncertain step at once, --invoice N only those of N';
