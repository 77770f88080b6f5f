#!/usr/bin/env bash
# Regenerates the TLS test material (a CA, a server certificate for 127.0.0.1/localhost, a client certificate), valid
# for 100 years. Test-only keys: never use them elsewhere.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -days $days \
  -subj "/CN=avroconv test CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
for who in server client; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout $who.key -out $who.csr -subj "/CN=avroconv test $who"
  if [ $who = server ]; then ext="subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"; else ext="extendedKeyUsage=clientAuth"; fi
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem -days $days \
    -extfile <(printf '%s\nbasicConstraints=CA:FALSE\n' "$ext")
  rm $who.csr
done
rm -f ca.srl
