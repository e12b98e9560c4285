export * from './mail-message.js';
export * from './mail-delivery.error.js';
export * from './nodemailer-mail.sender.js';
export * from './mail.module.js';
