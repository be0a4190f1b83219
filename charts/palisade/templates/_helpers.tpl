{{/* Labels every object carries (the kustomize base uses the same). */}}
{{- define "palisade.labels" -}}
app.kubernetes.io/name: palisade
app.kubernetes.io/part-of: palisade
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "palisade.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
{{- end }}

{{/* Pod-level security context, the same for every Palisade pod (restricted Pod Security). */}}
{{- define "palisade.podSecurity" -}}
serviceAccountName: palisade
# No automounted token: the same three files are projected below with a 1 h bound token.
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 1000
  fsGroup: 1000
  seccompProfile:
    type: RuntimeDefault
{{- end }}

{{/* The container's env, resources, securityContext and mounts. */}}
{{- define "palisade.containerCommon" -}}
image: {{ include "palisade.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
command: ["/usr/local/bin/node", "/app/dist/cli/main.js"]
env:
  - name: NODE_OPTIONS
    value: {{ .Values.nodeOptions | quote }}
  - name: TZ
    value: {{ .Values.timeZone | quote }}
resources:
  {{- toYaml .Values.resources | nindent 2 }}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities:
    drop: ["ALL"]
volumeMounts:
  - name: config
    mountPath: /etc/palisade
    readOnly: true
  - name: kube-api-access
    mountPath: /var/run/secrets/kubernetes.io/serviceaccount
    readOnly: true
  - name: tmp
    mountPath: /tmp
{{- end }}

{{- define "palisade.volumes" -}}
volumes:
  - name: config
    configMap:
      name: palisade-config
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
  - name: kube-api-access
    projected:
      # 0440 (octal), written in decimal: YAML 1.1 and 1.2 readers disagree on a leading 0.
      defaultMode: 288
      sources:
        - serviceAccountToken:
            path: token
            expirationSeconds: 3600
        - configMap:
            name: kube-root-ca.crt
            items:
              - key: ca.crt
                path: ca.crt
        - downwardAPI:
            items:
              - path: namespace
                fieldRef:
                  fieldPath: metadata.namespace
{{- end }}
