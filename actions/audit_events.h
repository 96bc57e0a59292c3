// What each reading action writes to the audit log — one function per action,
// so that the CLI and the web service record the same things: who, why, what
// was asked, every person shown (as CPR numbers, hashed when written) and
// every report id shown.
#pragma once

#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_record.h"
#include "family/family_lookup.h"
#include "query/searcher.h"
#include "screening/screener.h"

namespace socialsoeg::actions {

audit::AuditEvent search_event(const access::Principal& who, const std::string& purpose, const std::string& query,
                               const query::SearchResult& result);

// `cpr` or `address`: what was looked up.
audit::AuditEvent family_event(const access::Principal& who, const std::string& purpose, const std::string& cpr,
                               const std::string& address, const family::FamilyResult& result);

// The flagged adults and their children as persons, the reports behind the flags as ids.
audit::AuditEvent screening_event(const access::Principal& who, const std::string& action, const std::string& purpose,
                                  const screening::ScreeningResult& result,
                                  const std::vector<const screening::Flag*>& shown, bool only_new, bool drafts);

}  // namespace socialsoeg::actions
