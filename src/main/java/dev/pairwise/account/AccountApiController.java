package dev.pairwise.account;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts (owners only, by the security rules) and each caller's own API tokens (any
 * account, signed in by password: a token cannot make tokens).
 */
@RestController
class AccountApiController {

	private final Accounts accounts;

	private final ApiTokens tokens;

	AccountApiController(Accounts accounts, ApiTokens tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	@PostMapping("/api/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@RequestBody NewAccount account) {
		return Map.of("id", this.accounts.create(account.username(), account.password(), account.role()));
	}

	@GetMapping("/api/accounts")
	List<Map<String, Object>> list() {
		return this.accounts.list()
			.stream()
			.map((account) -> Map.<String, Object>of("id", account.id(), "username", account.username(), "role",
					account.roleId(), "createdAt", account.createdAt(), "disabled", account.disabled()))
			.toList();
	}

	@PostMapping("/api/accounts/{id}/disable")
	Map<String, Object> disable(@PathVariable long id, Principal caller) {
		this.accounts.disable(id, caller.getName());
		return Map.of("id", id, "disabled", true);
	}

	@PostMapping("/api/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	ApiTokens.NewToken createToken(@RequestBody NewToken token, Principal caller) {
		return this.tokens.create(me(caller), token.name(), token.role(), token.expiresInDays());
	}

	@GetMapping("/api/tokens")
	List<ApiTokens.TokenInfo> listTokens(Principal caller) {
		return this.tokens.list(me(caller).id());
	}

	@DeleteMapping("/api/tokens/{id}")
	ResponseEntity<Void> revokeToken(@PathVariable long id, Principal caller) {
		this.tokens.revoke(me(caller).id(), id);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(AccountChangeRefused.class)
	ProblemDetail refused(AccountChangeRefused refused) {
		return ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
	}

	private Accounts.Account me(Principal caller) {
		return this.accounts.byUsername(caller.getName()).orElseThrow();
	}

	record NewAccount(String username, String password, String role) {
	}

	record NewToken(String name, String role, Integer expiresInDays) {
	}

}
