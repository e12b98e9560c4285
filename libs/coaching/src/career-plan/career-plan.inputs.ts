import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT } from '../common/validation.js';

/** A section of the plan: optional free text of at most MAX_TEXT characters. */
function PlanSection() {
  return (target: object, propertyName: string) => {
    MaxLength(MAX_TEXT)(target, propertyName);
    IsString()(target, propertyName);
    IsOptional()(target, propertyName);
    Field({ nullable: true })(target, propertyName);
  };
}

/** Every section is optional: one left out (or null) carries over from the previous revision; '' clears it. */
@InputType()
export class CareerPlanRevisionInput {
  @PlanSection()
  strengthsInventory?: string;

  @PlanSection()
  gapsAndThreats?: string;

  @PlanSection()
  directionAndOpportunities?: string;

  @PlanSection()
  marketAnalysis?: string;

  @PlanSection()
  compensationPlan?: string;

  @PlanSection()
  strategyAndTimetable?: string;

  @PlanSection()
  brandingAndNetworking?: string;
}
