import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { AccessTokenService } from './access-token.service.js';
import { AccountRequest } from './account-request.entity.js';
import { AccountRequestsModule } from './account-requests.module.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginAttempt } from './login-attempt.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocations } from './session-revocations.js';
import { UserToken } from './user-token.entity.js';

/**
 * Sign-up, log-in, tokens and invitations. Exports what the app's global AuthGuard
 * needs (the access-token check and the live-session check).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, UserToken, LoginAttempt, AccountRequest]), RateLimitModule, AccountRequestsModule],
  providers: [AccessTokenService, SessionRevocations, AuthService, AuthResolver],
  exports: [AccessTokenService, SessionRevocations],
})
export class AuthModule {}
