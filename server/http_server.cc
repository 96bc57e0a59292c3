#include "server/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/errors.h"

namespace socialsoeg::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// What stop() needs of a connection, whatever its stream.
struct ConnectionBase {
  virtual ~ConnectionBase() = default;
  virtual void close_if_idle() = 0;  // waiting for a next request that has not begun: close
};

struct HttpServer::Impl {
  ServerConfig config;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;
  net::thread_pool workers;
  std::atomic<size_t> connections{0};
  std::atomic<bool> stopping{false};
  net::steady_timer grace{ioc};
  std::mutex registry_mutex;
  std::vector<std::weak_ptr<ConnectionBase>> registry;
  // Open connections per client address: one client may not hold them all.
  std::mutex clients_mutex;
  std::unordered_map<std::string, size_t> per_client;

  // Counts a new connection from `client`; true when that client is past its limit.
  bool admit_client(const std::string& client) {
    std::lock_guard lock(clients_mutex);
    const size_t open = per_client[client]++;
    return client != config.trusted_proxy && open >= config.max_connections_per_client;
  }
  void release_client(const std::string& client) {
    std::lock_guard lock(clients_mutex);
    const auto it = per_client.find(client);
    if (it != per_client.end() && --it->second == 0) per_client.erase(it);
  }

  void enlist(const std::shared_ptr<ConnectionBase>& c) {
    std::lock_guard lock(registry_mutex);
    if (registry.size() > 2 * config.max_connections)
      std::erase_if(registry, [](const auto& w) { return w.expired(); });
    registry.push_back(c);
  }

  Impl(const ServerConfig& c, Handler h) : config(c), handler(std::move(h)), workers(c.workers) {}
  void accept();
};

namespace {

HttpResponse plain_error(int status, const std::string& problem) {
  HttpResponse r;
  r.status = status;
  r.body = "{\"error\":{\"problem\":\"" + problem + "\"}}";
  r.close = true;
  return r;
}

// One connection. `Stream` is beast::tcp_stream or an ssl_stream over one.
template <typename Stream>
class Connection : public ConnectionBase, public std::enable_shared_from_this<Connection<Stream>> {
 public:
  void close_if_idle() override {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->reading_ && !(self->parser_ && self->parser_->got_some())) {
        beast::error_code ec;
        beast::get_lowest_layer(self->stream_).socket().close(ec);
      }
    });
  }

  Connection(HttpServer::Impl& server, Stream stream, std::string client, bool tls)
      : server_(server), stream_(std::move(stream)), deadline_(stream_.get_executor()), client_(std::move(client)), tls_(tls) {
    ++server_.connections;
    client_over_limit_ = server_.admit_client(client_);
  }
  ~Connection() {
    server_.release_client(client_);
    --server_.connections;
  }

  // `over_limit`: the server as a whole is full; the request is read and
  // answered 503. A client past its own limit is answered 503 before
  // anything is read: reading would let it hold the connection again.
  void start(bool over_limit) {
    over_limit_ = over_limit;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      begin();
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(header_seconds()));
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return;  // not TLS, or gave up: nothing to answer
                                self->begin();
                              });
    }
  }

 private:
  // The first request's header must arrive within the header timeout (never
  // longer than the read timeout).
  unsigned header_seconds() const {
    return std::min(server_.config.header_timeout_seconds, server_.config.read_timeout_seconds);
  }

  void begin() {
    if (client_over_limit_) {
      spdlog::warn("{}: more than {} connections from one address: refused", client_, server_.config.max_connections_per_client);
      return write(plain_error(503, "too many connections from your address: try again shortly"));
    }
    read();
  }

  // Our own deadline, not the stream's: the stream's closes the socket, and
  // a client whose request is half sent deserves a 408 first.
  void arm_deadline(unsigned seconds) {
    deadline_.expires_after(std::chrono::seconds(seconds));
    deadline_.async_wait([weak = this->weak_from_this()](beast::error_code ec) {
      const auto self = weak.lock();
      if (ec || !self || !self->reading_) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      beast::get_lowest_layer(self->stream_).socket().cancel(ignored);
    });
  }

  // The header first, against the header timeout (a kept-alive connection
  // waits idle_timeout for the next request instead); then the body, with
  // what is left of the read timeout.
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.config.max_header_bytes));
    parser_->body_limit(server_.config.max_body_bytes);
    beast::get_lowest_layer(stream_).expires_never();
    timed_out_ = false;
    read_started_ = std::chrono::steady_clock::now();
    arm_deadline(requests_ == 0 ? header_seconds() : server_.config.idle_timeout_seconds);
    reading_ = true;
    http::async_read_header(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec || self->parser_->is_done()) return self->on_read(ec);
      self->read_body();
    });
  }

  void read_body() {
    deadline_.cancel();
    // The whole first request within the read timeout, counted from the
    // connection's first wait; a kept-alive request's body from its header.
    using namespace std::chrono;
    const auto from = requests_ == 0 ? read_started_ : steady_clock::now();
    const auto left = seconds(server_.config.read_timeout_seconds) - duration_cast<seconds>(steady_clock::now() - from);
    arm_deadline(static_cast<unsigned>(std::max<seconds::rep>(1, left.count())));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    deadline_.cancel();
    if (timed_out_) {
      // Idle keep-alive connections simply close; a request half sent gets 408.
      if (parser_ && parser_->got_some()) return write(plain_error(408, "the request took too long to arrive"));
      return close();
    }
    if (ec == net::error::operation_aborted || ec == net::error::bad_descriptor) return;  // closed by stop()
    if (ec == http::error::end_of_stream || ec == net::error::connection_reset || ec == net::error::eof) return close();
    if (ec == http::error::body_limit) return write(plain_error(413, "the request body is too large"));
    if (ec == http::error::header_limit) return write(plain_error(431, "the request headers are too large"));
    if (ec) return write(plain_error(400, "malformed HTTP request"));
    ++requests_;
    if (over_limit_) return write(plain_error(503, "too many connections: try again shortly"));

    auto request = std::make_shared<HttpRequest>();
    const auto& message = parser_->get();
    request->method = std::string(message.method_string());
    request->target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "cookie" || name == "content-type" || name == "x-csrf-token" || name == "origin" || name == "host" ||
          name == "x-forwarded-for")
        request->headers[name] = std::string(field.value());
    }
    request->body = message.body();
    request->tls = tls_;
    request->client = client_;
    // The proxy's own header, only from the proxy we were told to trust.
    if (!server_.config.trusted_proxy.empty() && client_ == server_.config.trusted_proxy) {
      const std::string forwarded = request->header("x-forwarded-for");
      const auto comma = forwarded.rfind(',');
      std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.erase(0, 1);
      if (!last.empty()) request->client = last;
    }
    request->headers.erase("x-forwarded-for");
    keep_alive_ = message.keep_alive() && !server_.stopping;
    head_ = message.method() == http::verb::head;
    // Answer on a worker; write back on this connection's strand.
    beast::get_lowest_layer(stream_).expires_never();
    net::post(server_.workers, [self = this->shared_from_this(), request] {
      HttpResponse response;
      try {
        response = self->server_.handler(*request);
      } catch (...) {  // Service::handle answers everything; this is the last line of defence
        response = plain_error(500, "internal error");
      }
      net::dispatch(self->stream_.get_executor(), [self, r = std::move(response)]() mutable { self->write(std::move(r)); });
    });
  }

  void write(HttpResponse r) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(11);
    res->result(static_cast<http::status>(r.status));
    res->set(http::field::server, "socialsoeg");
    res->set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res->insert(name, value);
    res->body() = std::move(r.body);
    const bool close_after = r.close || !keep_alive_ || server_.stopping || requests_ == 0;
    res->keep_alive(!close_after);
    res->prepare_payload();
    // HEAD: the headers a GET would get, Content-Length included, and no body.
    if (head_) res->body().clear();
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(server_.config.write_timeout_seconds));
    http::async_write(stream_, *res, [self = this->shared_from_this(), res, close_after](beast::error_code ec, size_t) {
      if (ec || close_after) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ec;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
  }

  HttpServer::Impl& server_;
  Stream stream_;
  net::steady_timer deadline_;
  std::string client_;
  bool tls_;
  bool over_limit_ = false;
  bool client_over_limit_ = false;
  bool keep_alive_ = true;
  bool head_ = false;
  bool reading_ = false;
  bool timed_out_ = false;
  size_t requests_ = 0;
  std::chrono::steady_clock::time_point read_started_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping || ec == net::error::operation_aborted) return;
      // Out of file descriptors, say: try again shortly rather than spin.
      spdlog::warn("accept: {}", ec.message());
      auto pause = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(100));
      pause->async_wait([this, pause](beast::error_code) { accept(); });
      return;
    }
    beast::error_code ignored;
    const auto peer = socket.remote_endpoint(ignored);
    const std::string client = ignored ? std::string("?") : peer.address().to_string();
    const bool over_limit = connections.load() >= config.max_connections;
    if (tls) {
      auto c = std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(
          *this, beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls), client, true);
      enlist(c);
      c->start(over_limit);
    } else {
      auto c = std::make_shared<Connection<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)), client, false);
      enlist(c);
      c->start(over_limit);
    }
    if (!stopping) accept();
  });
}

HttpServer::HttpServer(const ServerConfig& config, Handler handler) : impl_(std::make_unique<Impl>(config, std::move(handler))) {
  auto& s = *impl_;
  if (config.tls()) {
    s.tls.emplace(ssl::context::tls_server);
    s.tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    beast::error_code ec;
    s.tls->use_certificate_chain_file(config.tls_certificate.string(), ec);
    if (!ec) s.tls->use_private_key_file(config.tls_private_key.string(), ssl::context::pem, ec);
    if (ec) throw EnvironmentError("TLS: cannot use " + config.tls_certificate.string() + " / " +
                                   config.tls_private_key.string() + ": " + ec.message());
  }
  beast::error_code ec;
  const auto address = net::ip::make_address(config.address, ec);
  if (ec) throw UsageError("listen: '" + config.address + "' is not an IP address");
  const tcp::endpoint endpoint(address, config.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw EnvironmentError("cannot listen on " + config.address + ":" + std::to_string(config.port) + ": " + ec.message());
}

HttpServer::~HttpServer() {
  impl_->workers.join();
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }
size_t HttpServer::connections() const { return impl_->connections.load(); }

void HttpServer::run(bool stop_on_signals) {
  auto& s = *impl_;
  std::optional<net::signal_set> signals;
  if (stop_on_signals) {
    signals.emplace(s.ioc, SIGTERM, SIGINT);
    signals->async_wait([this](beast::error_code ec, int signal) {
      if (ec) return;
      spdlog::warn("signal {}: finishing the answers in progress, then stopping", signal);
      stop();
    });
  }
  s.accept();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < s.config.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.join();
}

void HttpServer::stop() {
  auto& s = *impl_;
  net::post(s.ioc, [&s] {
    if (s.stopping.exchange(true)) return;
    beast::error_code ec;
    s.acceptor.close(ec);
    {
      std::lock_guard lock(s.registry_mutex);
      for (auto& w : s.registry)
        if (auto c = w.lock()) c->close_if_idle();
    }
    // Answers in progress finish (their connections close after them); then everything stops.
    s.grace.expires_after(std::chrono::seconds(s.config.shutdown_grace_seconds));
    s.grace.async_wait([&s](beast::error_code) { s.ioc.stop(); });
    // The pending wait keeps the poll alive; the poll holds itself only
    // weakly, so nothing is left behind once it stops (a strong self
    // reference was a cycle that LeakSanitizer found).
    auto poll = std::make_shared<std::function<void()>>();
    auto timer = std::make_shared<net::steady_timer>(s.ioc);
    *poll = [&s, weak = std::weak_ptr<std::function<void()>>(poll), timer] {
      if (s.connections.load() == 0) {
        s.ioc.stop();
        return;
      }
      timer->expires_after(std::chrono::milliseconds(20));
      timer->async_wait([self = weak.lock()](beast::error_code) {
        if (self) (*self)();
      });
    };
    (*poll)();
  });
}

}  // namespace socialsoeg::server
