#!/bin/sh
# Generates the stack's secrets once into the volume mounted at $SECRETS_DIR, then stays up so
# that docker-compose 1.29 can wait for it with `condition: service_healthy` (it has no
# `service_completed_successfully`). Runs as root: it hands each file to the uid that reads it.
#
#   values/<name>          one random value per secret, generated when absent, never rewritten
#   <service>.env          the NATTER_* variables each Java service's entrypoint sources
#                          (uid 185, mode 0600)
#   postgres_password      for POSTGRES_PASSWORD_FILE (uid 999, the postgres user, mode 0600)
#   .ready                 written last; the healthcheck looks for it
set -eu
dir=${SECRETS_DIR:-/run/natter/secrets}
java_uid=${NATTER_JAVA_UID:-185}
postgres_uid=${NATTER_POSTGRES_UID:-999}
umask 077
mkdir -p "$dir/values"
rm -f "$dir/.ready"

value() { # name → the secret's value, generated on first use (48 hex digits, 192 bits)
  f="$dir/values/$1"
  if [ ! -s "$f" ]; then
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$f.tmp"
    mv "$f.tmp" "$f"
    echo "secrets: generated $1" >&2
  fi
  cat "$f"
}

write() { # file uid, content on stdin; replaced atomically
  cat > "$dir/$1.tmp"
  chown "$2" "$dir/$1.tmp"
  chmod 600 "$dir/$1.tmp"
  mv "$dir/$1.tmp" "$dir/$1"
}

authenticator=$(value authenticator)
listener=$(value listener)
notifier=$(value notifier)
internal=$(value internal_credential)
postgres=$(value postgres)

write router.env "$java_uid" <<END
NATTER_AUTHENTICATOR_SECRET=$authenticator
NATTER_LISTENER_SECRET=$listener
NATTER_NOTIFIER_SECRET=$notifier
END
write app-api.env "$java_uid" <<END
NATTER_PG_PASSWORD=$postgres
NATTER_INTERNAL_CREDENTIAL=$internal
END
write authenticator.env "$java_uid" <<END
NATTER_WAMP_SECRET=$authenticator
NATTER_INTERNAL_CREDENTIAL=$internal
END
write listener.env "$java_uid" <<END
NATTER_WAMP_SECRET=$listener
NATTER_INTERNAL_CREDENTIAL=$internal
END
write notifier.env "$java_uid" <<END
NATTER_WAMP_SECRET=$notifier
NATTER_INTERNAL_CREDENTIAL=$internal
END
printf '%s' "$postgres" | write postgres_password "$postgres_uid"

touch "$dir/.ready"
echo "secrets: ready in $dir" >&2
exec sleep infinity
