// The tests' SMTP receiver is the one the benchmarks and the drill use (bench/ is compiled on its own and cannot import test/).
export {
  SmtpReceiver,
  type Arrival,
  type ReceivedMail,
  type Receipt,
  type SmtpReceiverOptions,
} from '../../bench/support/smtp-receiver.js';
