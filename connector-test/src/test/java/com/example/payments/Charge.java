package com.example.payments;

/**
 * A user's payload type.
 *
 * @param id the charge id
 * @param amount the amount in cents
 */
public record Charge(String id, long amount) {

}
