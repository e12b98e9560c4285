import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { OwnTransaction } from '../graphql-edge/transaction.interceptor.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import { RateLimited } from '../rate-limit/rate-limit.guard.js';
import { ClientIp, CurrentActor, Public, Roles } from './auth.decorators.js';
import { AcceptInviteInput, InviteCoachInput, LogInInput, ResetPasswordInput, SignUpInput } from './auth.inputs.js';
import { AuthPayload, InvitePayload } from './auth.models.js';
import { AuthService } from './auth.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly db: Db,
  ) {}

  @Query(() => UserModel, { description: 'The logged-in user.' })
  async me(@CurrentActor() actor: Actor): Promise<User> {
    return this.db.manager.findOneByOrFail(User, { id: actor.userId });
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Emails a link that opens the practice with you as its owner (confirmSignUp); an address that already has an account is told so by email instead. Always answers true.',
  })
  @RateLimited('signUp')
  signUp(@Args('input') input: SignUpInput): Promise<boolean> {
    return this.auth.signUp(input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: "Opens the practice from a sign-up link's token and logs you in as its owner." })
  confirmSignUp(@Args('token') token: string): Promise<AuthPayload> {
    return this.auth.confirmSignUp(token);
  }

  @Public()
  @Mutation(() => AuthPayload)
  @OwnTransaction()
  @RateLimited('logIn')
  logIn(@Args('input') input: LogInInput, @ClientIp() ip: string): Promise<AuthPayload> {
    return this.auth.logIn(input, ip);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'A new access token and refresh token for a refresh token (which stops working).' })
  refresh(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean)
  logOut(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.logOut(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Emails a reset link if the address has an account; always answers true.' })
  @RateLimited('requestPasswordReset')
  requestPasswordReset(@Args('email') email: string): Promise<boolean> {
    return this.auth.requestPasswordReset(email.trim().toLowerCase().slice(0, 320));
  }

  @Public()
  @Mutation(() => Boolean)
  resetPassword(@Args('input') input: ResetPasswordInput): Promise<boolean> {
    return this.auth.resetPassword(input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => InvitePayload, { description: 'Emails the client a one-time link to set a password.' })
  @RateLimited('inviteClient')
  inviteClient(@CurrentActor() actor: Actor, @Args('clientId', { type: () => ID }) clientId: string): Promise<InvitePayload> {
    return this.auth.inviteClient(actor, clientId);
  }

  @Roles('OWNER')
  @Mutation(() => InvitePayload, { description: 'Adds a coach to the practice and emails them a one-time link.' })
  @RateLimited('inviteCoach')
  inviteCoach(@CurrentActor() actor: Actor, @Args('input') input: InviteCoachInput): Promise<InvitePayload> {
    return this.auth.inviteCoach(actor, input);
  }

  @Public()
  @Mutation(() => AuthPayload)
  acceptInvite(@Args('input') input: AcceptInviteInput): Promise<AuthPayload> {
    return this.auth.acceptInvite(input);
  }
}
