import { Args, ID } from '@nestjs/graphql';

/** The `id: ID!` argument of a query or mutation on one record (ArgumentCheckGuard refuses one that is not a UUID). */
export const IdArg = () => Args('id', { type: () => ID });
