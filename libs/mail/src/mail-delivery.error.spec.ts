import { MailDeliveryError } from './mail-delivery.error.js';

describe('MailDeliveryError.from', () => {
  it('calls a 5xx answer permanent and a 4xx answer transient, keeping the code', () => {
    expect(MailDeliveryError.from({ message: 'no such user', responseCode: 550 })).toMatchObject({ kind: 'permanent', responseCode: 550 });
    expect(MailDeliveryError.from({ message: 'greylisted', responseCode: 451 })).toMatchObject({ kind: 'transient', responseCode: 451 });
  });

  it('calls a connection failure before the message went out transient', () => {
    expect(MailDeliveryError.from({ message: 'connect ECONNREFUSED', code: 'ESOCKET', command: 'CONN' })).toMatchObject({
      kind: 'transient',
    });
  });

  it('calls a failure after the body went out ambiguous: it may have been delivered', () => {
    expect(MailDeliveryError.from({ message: 'Timeout', code: 'ETIMEDOUT', command: 'DATA' })).toMatchObject({ kind: 'ambiguous' });
  });

  it('passes a classified error through unchanged', () => {
    const error = new MailDeliveryError('x', 'permanent', 554);
    expect(MailDeliveryError.from(error)).toBe(error);
  });
});
