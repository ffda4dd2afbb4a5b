import fs from 'node:fs'
import { queuePolicyNotice } from '../accounts/policy-notice.js'
import { type AdminCommand, refuse } from './admin-kit.js'

export const noticeCommands: Record<string, AdminCommand> = {
  'notify-policy-change': {
    args: '--subject "…" --body-file FILE',
    help: 'mail every confirmed account about a policy change (resumable; never twice per account)',
    arity: 0,
    flags: ['subject', 'body-file'],
    run({ db, mail, say }, _args, flags) {
      const subject = flags.subject?.trim()
      if (!subject) refuse('give the mail a subject: --subject "Our privacy policy changes on …"')
      if (subject.length > 150 || /[\r\n]/.test(subject))
        refuse('the subject must be one line of at most 150 characters')
      const file = flags['body-file']
      if (!file) refuse('give the text of the mail: --body-file FILE (plain text, paragraphs apart by a blank line)')
      let body: string
      try {
        body = fs.readFileSync(file, 'utf8').trim()
      } catch (err) {
        refuse(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
      }
      if (!body) refuse(`${file} is empty`)
      if (body.length > 20_000) refuse(`${file} is over 20,000 characters: keep the mail short and link the policy`)
      const result = queuePolicyNotice(db, mail, { subject, body })
      say(
        `notice ${result.noticeId}: queued ${result.queuedNow} mail(s) now, ${result.queuedBefore} before; ${result.accounts} confirmed account(s) in all`,
      )
      say('the server sends them from its outbox at a gentle rate (one every 2 s), after any account mail')
    },
  },
}
