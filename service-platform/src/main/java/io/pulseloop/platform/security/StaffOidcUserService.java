package io.pulseloop.platform.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OAuth2 login of a staff page: the same identity as a bearer token. The user's name is the owner-id claim and its
 * authorities are {@code ROLE_<role>} of the roles claim (ID token, or user info when the issuer puts them there).
 */
final class StaffOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final String ownerIdClaim;
    private final String rolesClaim;

    StaffOidcUserService(String ownerIdClaim, String rolesClaim) {
        this.ownerIdClaim = ownerIdClaim;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        if (user.getClaims().get(ownerIdClaim) == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "The ID token has no '" + ownerIdClaim + "' claim naming the staff member", null));
        }
        return new DefaultOidcUser(StaffJwtAuthenticationConverter.authorities(user.getClaims().get(rolesClaim)),
                user.getIdToken(), user.getUserInfo(), ownerIdClaim);
    }
}
