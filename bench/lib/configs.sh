# Config writers for the nginx and HAProxy instances bench/run.sh starts. Each instance has its
# own config, pid file, logs and temp paths under $BENCH_TMP; the system services are never used.
# Access logs are off everywhere: the edge does not log per request either.

# nginx_common DIR — the global part every nginx instance shares.
nginx_common() {
  local dir=$1
  mkdir -p "$dir"/{tmp,logs}
  cat <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  default_type text/html;
CONF
}

# write_origin_conf DIR PORT — nginx serving the 1 KiB static origin page.
write_origin_conf() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  { nginx_common "$dir"; cat <<CONF
  server {
    listen 127.0.0.1:$port;
    root $BENCH_TMP/www;
    location / { try_files /origin.html =404; }
  }
}
CONF
  } >"$dir/nginx.conf"
}

# write_front_conf DIR — nginx as proxy, sorry server, status-page file server and takeover proxy.
write_front_conf() {
  local dir=$1
  mkdir -p "$dir"
  { nginx_common "$dir"; cat <<CONF
  upstream origin { server 127.0.0.1:$ORIGIN_PORT; keepalive 64; }
  upstream take {
    server 127.0.0.1:$TAKE_ORIGIN_PORT max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$NGINX_SORRY_PORT backup;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
  server {
    listen 127.0.0.1:$NGINX_SORRY_PORT;
    root $BENCH_TMP/www;
    error_page 503 /sorry.html;
    location = /sorry.html { internal; add_header Retry-After 120 always; add_header Cache-Control no-store always; }
    location / { return 503; }
  }
  server {
    listen 127.0.0.1:$NGINX_STATUS_PORT;
    root $BENCH_TMP/www;
    location / { try_files /status.html =404; }
  }
  server {
    listen 127.0.0.1:$NGINX_TAKE_PORT;
    location / {
      proxy_pass http://take;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 1s;
    }
  }
}
CONF
  } >"$dir/nginx.conf"
}

# write_haproxy_conf FILE — proxy with http-reuse always, sorry answer, takeover backend with a backup.
write_haproxy_conf() {
  cat >"$1" <<CONF
global
  maxconn 4096
defaults
  mode http
  option http-keep-alive
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend proxy
  bind 127.0.0.1:$HAPROXY_PROXY_PORT
  default_backend origin
backend origin
  http-reuse always
  server o 127.0.0.1:$ORIGIN_PORT
frontend sorry
  bind 127.0.0.1:$HAPROXY_SORRY_PORT
  http-request return status 503 content-type "text/html; charset=utf-8" file $BENCH_TMP/www/sorry.html hdr Retry-After 120 hdr Cache-Control no-store
frontend take
  bind 127.0.0.1:$HAPROXY_TAKE_PORT
  default_backend take
backend take
  http-reuse always
  option httpchk GET /
  option redispatch
  retries 3
  server o 127.0.0.1:$TAKE_ORIGIN_PORT check inter 2s fall 3 rise 2
  server sorry 127.0.0.1:$HAPROXY_SORRY_PORT backup
CONF
}

# start_nginx NAME DIR — foreground master (its workers die with it); its PID in LAST_PID.
start_nginx() {
  local name=$1 dir=$2
  nginx -t -q -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" || die "nginx config $dir/nginx.conf is invalid"
  start_bg "$name" "$dir/logs/stdout.log" nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" -g 'daemon off;'
}
