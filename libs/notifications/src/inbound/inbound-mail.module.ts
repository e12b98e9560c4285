import { Module } from '@nestjs/common';
import { MessageModule } from '#tandem/coaching';
import { InboundMailReceiver } from './inbound-mail-receiver.js';

/** The inbound SMTP receiver for replies by email (started only where jobs run and AppConfig.inboundMail is set). */
@Module({
  imports: [MessageModule],
  providers: [InboundMailReceiver],
  exports: [InboundMailReceiver],
})
export class InboundMailModule {}
