package dev.pairwise.config;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-ins (form and HTTP Basic) through the {@link SignInThrottle}: a locked
 * account or address is refused before its password is checked.
 */
class ThrottledAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager passwords;

	private final SignInThrottle throttle;

	ThrottledAuthenticationManager(AuthenticationManager passwords, SignInThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication attempt) throws AuthenticationException {
		String username = attempt.getName();
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: "unknown";
		this.throttle.checkAllowed(username, address);
		try {
			Authentication authenticated = this.passwords.authenticate(attempt);
			this.throttle.succeeded(username, address);
			return authenticated;
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(username, address);
			throw ex;
		}
	}

}
