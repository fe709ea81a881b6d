package io.pulseloop.closedloop.security;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.owners.OwnerDirectory;

/**
 * Who may see which tasks (contract §7): an {@code ADMIN} all; a {@code MANAGER} their own and those of the owners
 * whose {@code managerId} is theirs; an {@code AGENT} only their own. Callers answer {@code 404}, not {@code 403},
 * for a task outside this set, so that ids of others' tasks cannot be probed.
 */
@Component
public class TaskAccess {

    private final OwnerDirectory owners;
    private final String ownerIdClaim;

    TaskAccess(OwnerDirectory owners, @Value("${pulseloop.security.owner-id-claim:sub}") String ownerIdClaim) {
        this.owners = owners;
        this.ownerIdClaim = ownerIdClaim;
    }

    /** The staff member behind an authentication (JWT: the owner-id claim; Basic: the user name). */
    public StaffMember member(Authentication authentication) {
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        String ownerId = authentication.getName();
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String claim = jwt.getClaimAsString(ownerIdClaim);
            ownerId = claim != null ? claim : jwt.getSubject();
        }
        return new StaffMember(ownerId, roles);
    }

    /** The assignees whose tasks the member may see, or {@code null} for all. */
    public Set<String> visibleAssignees(StaffMember member) {
        if (member.isAdmin()) {
            return null;
        }
        Set<String> visible = new HashSet<>();
        visible.add(member.ownerId());
        if (member.isManager()) {
            visible.addAll(owners.teamOf(member.ownerId()));
        }
        return visible;
    }

    /** Whether the member may see and work a task assigned to {@code assigneeId} ({@code null}: unassigned). */
    public boolean maySee(StaffMember member, String assigneeId, String escalatedToId) {
        if (member.isAdmin()) {
            return true;
        }
        if (member.isManager() && member.ownerId().equals(escalatedToId)) {
            return true;
        }
        Set<String> visible = visibleAssignees(member);
        return assigneeId != null && visible.contains(assigneeId);
    }
}
