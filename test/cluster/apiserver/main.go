// Command palisade-test-apiserver runs a real kube-apiserver (the upstream
// k8s.io/kubernetes code, not a fake) with an embedded etcd on 127.0.0.1, for
// Palisade's integration tests and local demos.
//
// It writes a throw-away PKI and kubeconfigs into -dir, prints exactly one line
// "READY {json}" on stdout when /readyz answers, and shuts down on SIGTERM/SIGINT
// or when its stdin is closed (so it never outlives the process that started it).
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

type readyInfo struct {
	Server     string            `json:"server"`
	Kubeconfig string            `json:"kubeconfig"`
	Users      map[string]string `json:"users"`
	CA         string            `json:"ca"`
	Etcd       string            `json:"etcd"`
	Pid        int               `json:"pid"`
	StartupMs  int64             `json:"startupMs"`
}

type user struct {
	name   string
	groups []string
}

func main() {
	start := time.Now()
	dir := flag.String("dir", "", "work directory for etcd data, PKI and kubeconfigs (required)")
	users := flag.String("users", "", "extra client-certificate users: name:group1,group2;name2:group")
	port := flag.Int("port", 0, "secure port (0 picks a free one)")
	timeout := flag.Duration("ready-timeout", 180*time.Second, "how long to wait for /readyz")
	stdinGuard := flag.Bool("stdin-guard", true, "shut down when stdin is closed (turn off for a detached `cluster:up`)")
	flag.Parse()
	if *dir == "" {
		fatal("-dir is required")
	}
	extra := flag.Args()
	must(os.MkdirAll(*dir, 0o700))
	pki := filepath.Join(*dir, "pki")
	must(os.MkdirAll(pki, 0o700))

	etcd, etcdURL := startEtcd(filepath.Join(*dir, "etcd"))
	defer etcd.Close()

	if *port == 0 {
		*port = freePort()
	}
	server := "https://127.0.0.1:" + strconv.Itoa(*port)
	ca := writePKI(pki)

	args := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(*port),
		// A loopback advertise address is refused with the lease reconciler; the
		// "kubernetes" Service simply has no endpoints here.
		"--advertise-address=127.0.0.1",
		"--endpoint-reconciler-type=none",
		"--cert-dir=" + pki,
		"--tls-cert-file=" + filepath.Join(pki, "apiserver.crt"),
		"--tls-private-key-file=" + filepath.Join(pki, "apiserver.key"),
		"--client-ca-file=" + filepath.Join(pki, "ca.crt"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + filepath.Join(pki, "sa.key"),
		"--service-account-signing-key-file=" + filepath.Join(pki, "sa.key"),
		"--authorization-mode=Node,RBAC",
		"--enable-admission-plugins=NodeRestriction",
		"--service-cluster-ip-range=10.0.0.0/24",
		"--allow-privileged=true",
		"--profiling=false",
		"--v=0",
	}
	cmd := app.NewAPIServerCommand()
	cmd.SetArgs(append(args, extra...))
	exit := make(chan int, 1)
	go func() { exit <- cli.Run(cmd) }()

	// Orphan guard: when the parent closes our stdin (or dies), shut down.
	if *stdinGuard {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		}()
	}

	userList := parseUsers(*users)
	kubeconfigs := map[string]string{}
	adminCfg := filepath.Join(*dir, "kubeconfig")
	writeKubeconfig(adminCfg, server, ca, issueClient(ca, user{"admin", []string{"system:masters"}}))
	for _, u := range userList {
		p := filepath.Join(*dir, "kubeconfig-"+u.name)
		writeKubeconfig(p, server, ca, issueClient(ca, u))
		kubeconfigs[u.name] = p
	}

	if err := waitReady(server, ca, *timeout, exit); err != nil {
		fatal(err.Error())
	}
	info := readyInfo{
		Server: server, Kubeconfig: adminCfg, Users: kubeconfigs,
		CA: filepath.Join(pki, "ca.crt"), Etcd: etcdURL, Pid: os.Getpid(),
		StartupMs: time.Since(start).Milliseconds(),
	}
	line, _ := json.Marshal(info)
	fmt.Printf("READY %s\n", line)

	code := <-exit
	etcd.Close()
	os.Exit(code)
}

func startEtcd(dataDir string) (*embed.Etcd, string) {
	cfg := embed.NewConfig()
	cfg.Dir = dataDir
	cfg.UnsafeNoFsync = true
	cfg.LogLevel = "error"
	cu := url.URL{Scheme: "http", Host: "127.0.0.1:" + strconv.Itoa(freePort())}
	pu := url.URL{Scheme: "http", Host: "127.0.0.1:" + strconv.Itoa(freePort())}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{cu}, []url.URL{cu}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{pu}, []url.URL{pu}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	e, err := embed.StartEtcd(cfg)
	must(err)
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(60 * time.Second):
		fatal("etcd did not become ready within 60s")
	}
	return e, cu.String()
}

// --- PKI --------------------------------------------------------------------

type authority struct {
	cert    *x509.Certificate
	key     *ecdsa.PrivateKey
	certPEM []byte
}

type clientPair struct{ certPEM, keyPEM []byte }

func newKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(err)
	return k
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	must(err)
	return n
}

func keyPEM(k *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalECPrivateKey(k)
	must(err)
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func writePKI(dir string) authority {
	caKey := newKey()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "palisade-test-ca"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(7 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
	must(err)
	caCert, err := x509.ParseCertificate(der)
	must(err)
	ca := authority{cert: caCert, key: caKey, certPEM: certPEM(der)}
	writeFile(filepath.Join(dir, "ca.crt"), ca.certPEM)
	writeFile(filepath.Join(dir, "ca.key"), keyPEM(caKey))

	srvKey := newKey()
	srv := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: "kube-apiserver"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")},
		DNSNames: []string{"localhost", "kubernetes", "kubernetes.default",
			"kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
	}
	der, err = x509.CreateCertificate(rand.Reader, srv, caCert, &srvKey.PublicKey, caKey)
	must(err)
	writeFile(filepath.Join(dir, "apiserver.crt"), certPEM(der))
	writeFile(filepath.Join(dir, "apiserver.key"), keyPEM(srvKey))

	writeFile(filepath.Join(dir, "sa.key"), keyPEM(newKey()))
	return ca
}

func issueClient(ca authority, u user) clientPair {
	k := newKey()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: u.name, Organization: u.groups},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &k.PublicKey, ca.key)
	must(err)
	return clientPair{certPEM: certPEM(der), keyPEM: keyPEM(k)}
}

func writeKubeconfig(path, server string, ca authority, c clientPair) {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["palisade-test"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: ca.certPEM}
	cfg.AuthInfos["user"] = &clientcmdapi.AuthInfo{ClientCertificateData: c.certPEM, ClientKeyData: c.keyPEM}
	cfg.Contexts["palisade-test"] = &clientcmdapi.Context{Cluster: "palisade-test", AuthInfo: "user"}
	cfg.CurrentContext = "palisade-test"
	must(clientcmd.WriteToFile(*cfg, path))
}

func parseUsers(s string) []user {
	var out []user
	for _, entry := range strings.Split(s, ";") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		name, groups, _ := strings.Cut(entry, ":")
		u := user{name: name}
		for _, g := range strings.Split(groups, ",") {
			if g = strings.TrimSpace(g); g != "" {
				u.groups = append(u.groups, g)
			}
		}
		out = append(out, u)
	}
	return out
}

// --- readiness ----------------------------------------------------------------

func waitReady(server string, ca authority, budget time.Duration, exit <-chan int) error {
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	admin := issueClient(ca, user{"readiness-probe", []string{"system:masters"}})
	pair, err := tls.X509KeyPair(admin.certPEM, admin.keyPEM)
	if err != nil {
		return err
	}
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}}},
	}
	deadline := time.Now().Add(budget)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		select {
		case code := <-exit:
			return fmt.Errorf("kube-apiserver exited with code %d before it was ready", code)
		default:
		}
		resp, err := client.Get(server + "/readyz")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
		} else {
			last = err.Error()
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("kube-apiserver not ready after %s (last: %s)", budget, last)
}

// --- helpers ------------------------------------------------------------------

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func writeFile(path string, data []byte) { must(os.WriteFile(path, data, 0o600)) }

func must(err error) {
	if err != nil {
		fatal(err.Error())
	}
}

func fatal(msg string) {
	fmt.Fprintln(os.Stderr, "palisade-test-apiserver: "+msg)
	os.Exit(1)
}
