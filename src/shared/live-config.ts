/**
 * Live presenting's settings, a contract of both sides: the build reads them from `deck.yml` (or
 * the environment) and hands them to the page, whose live code connects with them.
 */
export interface LiveConfig {
  /** The MQTT broker's WebSocket URL. */
  broker: string;
  /** The deck's slug: topics are `decks/<slug>/<session>`. */
  slug: string;
  /**
   * The broker account the presenter publishes with, where the broker lets only it publish
   * (`mosquitto.example.conf`): going live asks for its password. Followers stay anonymous.
   */
  user?: string;
}
