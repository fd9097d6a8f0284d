{{- define "st.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "st.name" -}}
{{- printf "%s-%s" (include "st.fullname" .root) .component -}}
{{- end -}}

{{- define "st.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "st.labels" -}}
{{ include "st.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "st.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "st.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "st.secretName" -}}
{{- default (printf "%s-credentials" (include "st.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{- define "st.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Environment shared by the three services: the ConfigMap, then the credentials. */}}
{{- define "st.appEnv" -}}
envFrom:
  - configMapRef:
      name: {{ include "st.fullname" . }}
env:
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: {{ include "st.secretName" . }}
        key: DATABASE_URL
  - name: S3_ACCESS_KEY
    valueFrom:
      secretKeyRef:
        name: {{ include "st.secretName" . }}
        key: S3_ACCESS_KEY
  - name: S3_SECRET_KEY
    valueFrom:
      secretKeyRef:
        name: {{ include "st.secretName" . }}
        key: S3_SECRET_KEY
{{- end -}}

{{/*
A service Deployment. Arguments: root, component, values (the component's values), entry (the
compiled main.js), grace (terminationGracePeriodSeconds), env (extra variables, a map), secretEnv
(keys of the credentials Secret this service also reads, a list; optional).
*/}}
{{- define "st.serviceDeployment" -}}
{{- $root := .root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "st.name" . }}
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  {{- if not (dig "autoscaling" "enabled" false .values) }}
  replicas: {{ .values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "st.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "st.selectorLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        prometheus.io/scrape: 'true'
        prometheus.io/port: '3000'
        prometheus.io/path: /metrics
    spec:
      serviceAccountName: {{ include "st.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ .grace }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "st.selectorLabels" . | nindent 14 }}
      containers:
        - name: {{ .component }}
          image: {{ include "st.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: [node, {{ .entry }}]
          ports:
            - name: http
              containerPort: 3000
              protocol: TCP
          {{- include "st.appEnv" $root | nindent 10 }}
            {{- range .secretEnv }}
            - name: {{ . }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "st.secretName" $root }}
                  key: {{ . }}
            {{- end }}
            {{- range $name, $value := .env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
            {{- range $name, $value := .values.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            httpGet: { path: /livez, port: http }
            periodSeconds: 2
            failureThreshold: 30
          livenessProbe:
            httpGet: { path: /livez, port: http }
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet: { path: /readyz, port: http }
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $root.Values.preStopSleepSeconds }}
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
{{- end -}}

{{- define "st.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "st.name" . }}
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  {{- toYaml .values.podDisruptionBudget | nindent 2 }}
  selector:
    matchLabels:
      {{- include "st.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "st.hpa" -}}
{{- if .values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "st.name" . }}
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "st.name" . }}
  minReplicas: {{ .values.autoscaling.minReplicas }}
  maxReplicas: {{ .values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}

{{- define "st.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "st.name" . }}
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "st.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* Ingress rules of a service pod: from the given pods on http, and from the metrics scrapers. */}}
{{- define "st.networkPolicy" -}}
{{- if .root.Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "st.name" . }}
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "st.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    {{- range .from }}
    - from:
        - podSelector:
            matchLabels:
              {{- include "st.selectorLabels" (dict "root" $.root "component" .) | nindent 14 }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
    - from:
        - namespaceSelector:
            {{- toYaml .root.Values.metrics.scrapeFromNamespaceSelector | nindent 12 }}
      ports:
        - port: http
          protocol: TCP
{{- end }}
{{- end -}}


{{/*
The webhook dispatcher's way out: DNS, PostgreSQL, Kafka, and receivers on the internet on the
allowed ports, never the cluster's or private ranges (the SSRF policy's second line).
*/}}
{{- define "st.dispatcherEgressPolicy" -}}
{{- $e := .root.Values.webhookDispatcher.egress -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "st.name" . }}-egress
  labels:
    {{- include "st.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "st.selectorLabels" . | nindent 6 }}
  policyTypes: [Egress]
  egress:
    - to:
        {{- toYaml $e.dns.to | nindent 8 }}
      ports:
        - { port: 53, protocol: UDP }
        - { port: 53, protocol: TCP }
    {{- range $name := list "postgres" "kafka" }}
    {{- $d := index $e $name }}
    - {{- with $d.to }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        {{- range $d.ports }}
        - { port: {{ . }}, protocol: TCP }
        {{- end }}
    {{- end }}
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              {{- toYaml (concat $e.internet.ipv4Except $e.internet.clusterIpv4Cidrs) | nindent 14 }}
        {{- if $e.internet.ipv6 }}
        - ipBlock:
            cidr: 2000::/3
            except:
              {{- toYaml $e.internet.ipv6Except | nindent 14 }}
        {{- end }}
      ports:
        {{- range $e.internet.ports }}
        - { port: {{ . }}, protocol: TCP }
        {{- end }}
{{- end -}}
