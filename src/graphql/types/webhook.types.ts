import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookDeliveryStatus, WebhookEventType } from '../../domain/change-feed';
import { Entitlement } from './entitlement.types';
import { PageInfo } from './pagination';

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description:
    'Change feed event types; on the wire (the body\'s "type") they are written in lower case with dots, e.g. suspension.created.',
});
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

@ObjectType({ description: 'A receiver of signed webhooks (Standard Webhooks). Its secret is shown only when created or rotated.' })
export class WebhookEndpoint {
  @Field(() => ID) id: string;
  @Field(() => String) url: string;
  @Field(() => String) description: string;
  @Field(() => [WebhookEventType], { description: 'The event types sent to it.' })
  eventTypes: WebhookEventType[];
  @Field(() => Boolean, { description: 'A disabled endpoint gets nothing; events while disabled are not queued for it.' })
  enabled: boolean;
  @Field(() => Date, { nullable: true, description: "Until then the previous secret also signs (a rotation's overlap)." })
  previousSecretExpiresAt: Date | null;
  @Field(() => String) createdBy: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'An endpoint with its signing secret (whsec_...): keep it, it is not shown again.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint) endpoint: WebhookEndpoint;
  @Field(() => String) secret: string;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'https to a public address in production; local receivers are allowed in development and tests.' })
  url: string;
  @Field(() => [WebhookEventType]) events: WebhookEventType[];
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [WebhookEventType], { nullable: true }) events?: WebhookEventType[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType({ description: 'One HTTP attempt of a delivery.' })
export class WebhookAttempt {
  @Field(() => Date) attemptedAt: Date;
  @Field(() => Int) durationMs: number;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when no response came." })
  responseStatus: number | null;
  @Field(() => String, { nullable: true, description: 'Why no response came (a timeout, a refused connection).' })
  error: string | null;
}

@ObjectType({ description: 'One event for one endpoint.' })
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => ID) endpointId: string;
  @Field(() => ID, { description: 'The event: the webhook-id header, the same on every attempt and replay.' })
  eventId: string;
  @Field(() => WebhookEventType) eventType: WebhookEventType;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) firstAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true }) lastResponseStatus: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field(() => String) cursor: string;
  @Field(() => WebhookDelivery) node: WebhookDelivery;
}

@ObjectType({ description: 'Deliveries of an endpoint, newest event first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType({ description: 'An entitlement.changed event: the new decisions of the uses that changed.' })
export class EntitlementChange {
  @Field(() => ID, { description: 'The event id (webhook-id of the same event on webhooks).' })
  eventId: string;
  @Field(() => String, {
    description:
      "This event's position in the stream (opaque): keep the last one received and pass it as `after` when subscribing again, to get every change since, in order, without duplicates.",
  })
  cursor: string;
  @Field(() => ID) accountId: string;
  @Field(() => Date) occurredAt: Date;
  @Field(() => [Entitlement]) entitlements: Entitlement[];
  @Field(() => Date, { nullable: true, description: 'The next instant at which some use can change by time alone.' })
  validUntil: Date | null;
}
