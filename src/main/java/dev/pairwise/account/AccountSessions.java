package dev.pairwise.account;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends an account's sessions on every instance: they live in the database (Spring Session
 * JDBC), found by the principal's name.
 */
@Component
class AccountSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	AccountSessions(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	void endAll(String username) {
		this.sessions.findByPrincipalName(username).keySet().forEach(this.sessions::deleteById);
	}

}
