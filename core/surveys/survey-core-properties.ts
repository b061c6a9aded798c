/**
 * pedmonitor's own question properties, registered with survey-core's `Serializer` so that a definition
 * carrying them parses without «Unknown property» errors and keeps them when the model writes its JSON.
 * Imported (for its effect) by every module that builds a survey-core `Model`: the server's answer check,
 * the builder's preview and the answering page.
 */
import { Serializer } from 'survey-core';

/** The properties `SurveyQuestion` (definition.ts) allows beyond the SurveyJS format. */
export const CUSTOM_QUESTION_PROPERTIES = [
  /** The options are training topics feeding the «план-заказ» (training-order.ts). */
  { name: 'trainingOrder:boolean', default: false, visible: false },
  /** The free-text answers may be shown on the public page of results (public-results in results.ts). */
  { name: 'publishable:boolean', default: false, visible: false },
] as const;

/** Registers the properties once (a second call changes nothing). */
export function registerSurveyProperties() {
  for (const property of CUSTOM_QUESTION_PROPERTIES) {
    const name = property.name.split(':')[0];
    if (!Serializer.findProperty('question', name)) Serializer.addProperty('question', { ...property });
  }
}

registerSurveyProperties();
