// The weekly screening, its draft reports, and saved searches — for the
// secretariat, scoped to their districts.
#include <algorithm>
#include <charconv>

#include "actions/audit_events.h"
#include "core/date.h"
#include "core/errors.h"
#include "index/batch_records.h"
#include "query/query_builder.h"
#include "query/report_page.h"
#include "saved/saved_runner.h"
#include "saved/saved_store.h"
#include "screening/run_log.h"
#include "screening/screening_json.h"
#include "screening/socialrapport.h"
#include "server/service_state.h"

namespace socialsoeg::server {
namespace {

void take(audit::AuditEvent& event, const audit::AuditEvent& recorded) {
  event.persons = recorded.persons;
  event.ids = recorded.ids;
  event.details.update(recorded.details);
}

// "/api/saved/NAME" or "/api/saved/NAME/run" -> NAME (checked).
std::string saved_name(const std::string& path, bool run) {
  std::string rest = path.substr(std::string("/api/saved/").size());
  if (run) {
    if (rest.size() <= 4 || rest.compare(rest.size() - 4, 4, "/run") != 0) throw HttpError{404, "no such API path"};
    rest.resize(rest.size() - 4);
  }
  try {
    saved::SavedStore::check_name(rest);
  } catch (const UsageError&) {
    throw HttpError{404, "no such saved search"};
  }
  return rest;
}

}  // namespace

HttpResponse handle_screen(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const Date as_of = as_of_param(call);
  const bool only_new = call.param("new") == "1";
  auto readers = state.readers.acquire();
  if (!readers->residents) throw HttpError{503, "no residents have been loaded yet"};
  const screening::RunLog runs(state.db);
  const auto previous = runs.last(call.who->scope.describe());
  const auto result = query::read_consistently([&] { readers->reopen(); }, [&] {
    return screening::Screener(readers->reports, *readers->residents, state.screening_rule, call.who->scope)
        .run(as_of, previous ? previous->last_batch : 0, only_new);
  });
  std::vector<const screening::Flag*> shown;
  for (const auto& f : result.flags)
    if (!only_new || f.is_new) shown.push_back(&f);
  take(event, actions::screening_event(*call.who, "screen", call.purpose(), result, shown, only_new, false));
  auto j = screening::screening_json(result, shown, 0);
  j["previous_run"] = previous ? nlohmann::json{{"number", previous->number}, {"time", previous->time},
                                               {"user", previous->user}, {"last_batch", previous->last_batch}}
                               : nlohmann::json(nullptr);
  return json_response(200, j);
}

HttpResponse handle_screen_seen(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const auto body = json_body(call);
  auto readers = state.readers.acquire();
  const uint64_t now_batch = index::last_batch(readers->reports);
  const uint64_t seen = count_field(body, "last_batch", now_batch);
  if (seen > now_batch) throw HttpError{400, "last_batch is beyond the index"};
  screening::RunRecord record;
  record.user = call.who->name;
  record.scope = call.who->scope.describe();
  record.as_of = body.value("as_of", today_utc().iso());
  record.last_batch = seen;
  record.flags = count_field(body, "flags", 0);
  record.new_flags = count_field(body, "new_flags", 0);
  const uint64_t number = screening::RunLog(state.db).append(record);
  event.details["run"] = number;
  event.details["last_batch"] = seen;
  return json_response(200, {{"run", number}, {"last_batch", seen}});
}

HttpResponse handle_draft(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const auto cpr = Cpr::parse(call.param("cpr"));
  const std::string address = call.param("address"), format = call.param("format").empty() ? "html" : call.param("format");
  if (!cpr || address.empty()) throw HttpError{400, "give the flag's cpr and address"};
  if (format != "html" && format != "md") throw HttpError{400, "format: html or md"};
  event.query = "cpr:" + cpr->canonical() + " address:" + address;
  const Date as_of = as_of_param(call);
  auto readers = state.readers.acquire();
  if (!readers->residents) throw HttpError{503, "no residents have been loaded yet"};
  const auto result = query::read_consistently([&] { readers->reopen(); }, [&] {
    return screening::Screener(readers->reports, *readers->residents, state.screening_rule, call.who->scope).run(as_of, 0, false);
  });
  const auto flag = std::find_if(result.flags.begin(), result.flags.end(), [&](const screening::Flag& f) {
    return f.cpr == cpr->canonical() && f.address_id == address;
  });
  if (flag == result.flags.end()) throw HttpError{404, "no such flag on that date"};
  take(event, actions::screening_event(*call.who, "draft", call.purpose(), result, {&*flag}, false, true));
  const auto draft = screening::gather_draft(*flag, result, readers->reports, *readers->residents, state.places,
                                               state.analyzer.concepts());
  HttpResponse r;
  r.body = format == "md" ? screening::draft_markdown(draft) : screening::draft_html(draft);
  r.content_type = format == "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8";
  std::string file = address;
  for (char& c : file)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  if (call.param("download") == "1")
    call.headers.emplace_back("Content-Disposition", "attachment; filename=\"socialrapport-" + file + "." + format + "\"");
  return r;
}

HttpResponse handle_saved_list(ServiceState& state, Call& call, audit::AuditEvent&) {
  const saved::SavedStore store(state.db, call.who->name);
  nlohmann::json all = nlohmann::json::array();
  for (const auto& s : store.list()) {
    const auto st = store.state(s.name);
    all.push_back({{"name", s.name}, {"kind", s.kind}, {"query", s.query}, {"description", s.description},
                   {"created", s.created}, {"runs", st.runs}, {"last_run", st.time}});
  }
  return json_response(200, {{"saved", all}});
}

HttpResponse handle_saved_add(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const auto body = json_body(call);
  saved::SavedSearch s;
  s.name = body.value("name", "");
  s.query = body.value("query", "");
  s.description = body.value("description", "");
  s.user = call.who->name;
  s.scope = call.who->scope.describe();
  event.query = s.query;
  event.details["name"] = s.name;
  saved::SavedStore::check_name(s.name);  // UsageError -> 400
  if (s.query.empty()) throw HttpError{400, "give the query to save"};
  if (s.query.size() > state.config.max_query_bytes) throw HttpError{400, "the query is too long"};
  {
    auto readers = state.readers.acquire();
    query::QueryBuilder(state.analyzer, state.places).build(s.query, readers->reports);  // QueryError -> 400
  }
  const saved::SavedStore store(state.db, call.who->name);
  if (store.find(s.name)) throw HttpError{409, "you already have a saved search of that name"};
  store.add(s);
  return json_response(201, {{"saved", s.name}});
}

HttpResponse handle_saved_rm(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const std::string name = saved_name(call.path, false);
  event.details["name"] = name;
  const saved::SavedStore store(state.db, call.who->name);
  if (!store.find(name)) throw HttpError{404, "no such saved search"};
  store.remove(name);
  return json_response(200, {{"removed", name}});
}

HttpResponse handle_saved_run(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const std::string name = saved_name(call.path, true);
  event.details["name"] = name;
  const saved::SavedStore store(state.db, call.who->name);
  const auto search = store.find(name);
  if (!search) throw HttpError{404, "no such saved search"};
  event.query = search->query;
  const bool only_new = call.param("new") == "1";
  auto readers = state.readers.acquire();
  const auto previous = store.state(name);
  auto result = saved::SavedRunner(state.analyzer, state.places)
                    .run(*search, previous, readers->reports, readers->residents ? &*readers->residents : nullptr,
                         only_new, 100, today_utc(), call.who->scope);
  result.next.user = call.who->name;
  nlohmann::json j;
  if (result.screening) {
    std::vector<const screening::Flag*> shown;
    for (const auto& f : result.screening->flags)
      if (!only_new || f.is_new) shown.push_back(&f);
    take(event, actions::screening_event(*call.who, "saved-run", call.purpose(), *result.screening, shown, only_new, false));
    j = screening::screening_json(*result.screening, shown, result.run);
  } else {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : result.hits) {
      hits.push_back(query::to_json(h));
      event.ids.push_back(h.id);
      for (const auto& p : h.persons) event.persons.push_back(p.cpr);
    }
    for (const auto& id : result.new_ids)
      if (std::find(event.ids.begin(), event.ids.end(), id) == event.ids.end()) event.ids.push_back(id);
    j = {{"name", name}, {"query", search->query}, {"run", result.run}, {"matches", result.matches},
         {"new", result.new_ids}, {"hits", std::move(hits)}};
  }
  store.record_run(name, result.next);
  return json_response(200, j);
}

}  // namespace socialsoeg::server
