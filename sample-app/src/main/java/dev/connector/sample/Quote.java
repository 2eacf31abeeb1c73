package dev.connector.sample;

/**
 * A quote as the demo upstream sends it.
 *
 * @param symbol the ticker symbol
 * @param price the price
 * @param currency the currency code
 */
public record Quote(String symbol, double price, String currency) {
}
