import { Global, Module } from '@nestjs/common';
import { AppConfig } from '#tandem/config';
import { MailSender } from './mail-message.js';
import { NodemailerMailSender } from './nodemailer-mail.sender.js';

@Global()
@Module({
  providers: [{ provide: MailSender, inject: [AppConfig], useFactory: (config: AppConfig) => new NodemailerMailSender(config.mail) }],
  exports: [MailSender],
})
export class MailModule {}
