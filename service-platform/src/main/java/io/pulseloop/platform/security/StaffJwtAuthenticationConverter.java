package io.pulseloop.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A validated JWT to an authentication whose name is the staff member's CRM owner id (the owner-id claim) and whose
 * authorities are {@code ROLE_<role>} for each entry of the roles claim (a JSON array, or a string separated by
 * spaces or commas; case-insensitive). A token without the owner-id claim is refused ({@code 401}).
 */
public final class StaffJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String ownerIdClaim;
    private final String rolesClaim;

    public StaffJwtAuthenticationConverter(String ownerIdClaim, String rolesClaim) {
        this.ownerIdClaim = ownerIdClaim;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object ownerId = jwt.getClaims().get(ownerIdClaim);
        if (ownerId == null || ownerId.toString().isBlank()) {
            throw new InvalidBearerTokenException("The token has no '" + ownerIdClaim + "' claim naming the staff member");
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims().get(rolesClaim)), ownerId.toString());
    }

    /** {@code ROLE_<ROLE>} for each role in a roles claim value; none for a missing claim. */
    static List<GrantedAuthority> authorities(Object claim) {
        List<String> names = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> names.add(String.valueOf(value)));
        } else if (claim instanceof String text) {
            names.addAll(List.of(text.split("[\\s,]+")));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String name : names) {
            if (!name.isBlank()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return authorities;
    }
}
