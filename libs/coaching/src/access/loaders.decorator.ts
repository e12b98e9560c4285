import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Loaders } from './loaders.js';

/** The request's DataLoaders (created in the GraphQL context). */
export const RequestLoaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Loaders => GqlExecutionContext.create(context).getContext<{ loaders: Loaders }>().loaders,
);
