import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { Config } from '../config.js'
import type { MailMessage } from './outbox.js'

/** Hands one mail to whatever carries it; throws when it was not accepted. */
export type MailTransport = {
  send(message: MailMessage & { from: string }): Promise<void>
  close(): void
}

/** SMTP through nodemailer. A slow server fails the try (and the loop retries), never a request. */
export function smtpTransport(url: string): MailTransport {
  const u = new URL(url)
  const secure = u.protocol === 'smtps:'
  const transporter = nodemailer.createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    async send(m) {
      await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html })
    },
    close: () => transporter.close(),
  }
}

/** Where a local run keeps its mail: DATA_DIR/dev-mail. */
export function devMailDir(dataDir: string): string {
  return path.join(dataDir, 'dev-mail')
}

/** The configured way out: SMTP_URL, or the local mailbox read at /dev/mail. */
export function mailTransport(config: Pick<Config, 'mail' | 'dataDir'>): MailTransport {
  return config.mail.transport === 'smtp' ? smtpTransport(config.mail.url) : new DevMailbox(devMailDir(config.dataDir))
}

export type DevMail = MailMessage & { id: string; from: string; sentAt: number }

const KEEP = 200

/**
 * Outside production without SMTP_URL, "sending" keeps the mail as a file under DATA_DIR/dev-mail,
 * readable at /dev/mail, so every flow can be finished on `make run` without a mail server.
 */
export class DevMailbox implements MailTransport {
  constructor(readonly dir: string) {}

  async send(m: MailMessage & { from: string }): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true })
    const sentAt = Date.now()
    const id = `${sentAt.toString().padStart(15, '0')}-${Math.random().toString(36).slice(2, 10)}`
    const mail: DevMail = {
      id,
      sentAt,
      from: m.from,
      to: m.to,
      kind: m.kind,
      subject: m.subject,
      text: m.text,
      html: m.html,
    }
    await fs.promises.writeFile(path.join(this.dir, `${id}.json`), JSON.stringify(mail))
    const files = await this.files()
    for (const old of files.slice(KEEP)) await fs.promises.rm(path.join(this.dir, old), { force: true })
  }

  /** Newest first. */
  async list(): Promise<DevMail[]> {
    const files = await this.files()
    const mails = await Promise.all(
      files.map(async (f) => JSON.parse(await fs.promises.readFile(path.join(this.dir, f), 'utf8')) as DevMail),
    )
    return mails
  }

  async find(id: string): Promise<DevMail | undefined> {
    if (!/^\d{15}-[a-z0-9]{1,10}$/.test(id)) return undefined
    try {
      return JSON.parse(await fs.promises.readFile(path.join(this.dir, `${id}.json`), 'utf8')) as DevMail
    } catch {
      return undefined
    }
  }

  private async files(): Promise<string[]> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[])
    return names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse()
  }

  close(): void {}
}
