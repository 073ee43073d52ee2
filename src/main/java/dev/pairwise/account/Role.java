package dev.pairwise.account;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * What an account or token may do. Each role holds the authorities of the roles below it,
 * so the security rules name the least role an endpoint needs.
 */
enum Role {

	VIEWER, RESEARCHER, OWNER;

	/**
	 * As stored and as the API spells it: {@code owner}, {@code researcher},
	 * {@code viewer}.
	 */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean includes(Role other) {
		return ordinal() >= other.ordinal();
	}

	List<GrantedAuthority> authorities() {
		return AuthorityUtils.createAuthorityList(Arrays.stream(values())
			.filter(this::includes)
			.map((role) -> "ROLE_" + role.name())
			.toArray(String[]::new));
	}

	static Optional<Role> of(String id) {
		return Arrays.stream(values()).filter((role) -> role.id().equals(id)).findFirst();
	}

	static String spelled() {
		return "owner, researcher or viewer";
	}

}
