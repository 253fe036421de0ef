export { createMailer, oneHeaderLine, type Mailer, type MailMessage } from './mailer.js';
