package io.pulseloop.closedloop.security;

import java.util.HashSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.platform.security.StaffMember;

/**
 * Who may see which tasks (contract §7): an {@code ADMIN} all; a {@code MANAGER} their own and those of the owners
 * whose {@code managerId} is theirs (and tasks escalated to them); an {@code AGENT} only their own. Callers answer
 * {@code 404}, not {@code 403}, for a task outside this set, so that ids of others' tasks cannot be probed.
 */
@Component
public class TaskAccess {

    private final OwnerDirectory owners;

    TaskAccess(OwnerDirectory owners) {
        this.owners = owners;
    }

    /** The staff member behind an authentication (the platform makes its name the CRM owner id). */
    public StaffMember member(Authentication authentication) {
        return StaffMember.from(authentication);
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
        return assigneeId != null && visibleAssignees(member).contains(assigneeId);
    }
}
