package dev.pairwise.study;

/**
 * An invite was revoked; published inside the transaction that revokes it, so that
 * listeners act at once and atomically with it.
 */
public record RaterRevoked(long studyId, long raterId) {
}
