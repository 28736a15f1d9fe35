/** Generated from openapi.json by `npm run openapi` (openapi-typescript); do not edit. */
export interface paths {
    "/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event and the caller's role in it */
        get: operations["getEvent"];
        /**
         * Create an event, or replace its fields
         * @description Members of the organizers group create events; the caller becomes the organizer. Only the event's organizer may replace its fields.
         */
        put: operations["putEvent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The events the caller attends or organizes */
        get: operations["listMyEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{eventId}/attendees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event's attendees and their upload counts (the event's organizer) */
        get: operations["listAttendees"];
        put?: never;
        /**
         * Register users as attendees by email (the event's organizer)
         * @description Idempotent: registering someone again keeps their upload count.
         */
        post: operations["registerAttendees"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{eventId}/attendees/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an attendee (the event's organizer); also succeeds when absent */
        delete: operations["removeAttendee"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{eventId}/photos/initiate-upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a presigned S3 PUT URL for one photo (attendees)
         * @description PUT the bytes to s3PutObjectUrl with exactly the returned headers before expiresAt.
         */
        post: operations["initiateUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{eventId}/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event's ready photos, newest first */
        get: operations["listPhotos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{eventId}/photos/{photoId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One photo with its status; pending and rejected ones only to their uploader */
        get: operations["getPhoto"];
        put?: never;
        post?: never;
        /**
         * Delete a photo (its uploader, or the event's organizer)
         * @description Removes the record, the original and the variants, and invalidates the CDN paths.
         */
        delete: operations["deletePhoto"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Event: {
            eventId: string;
            name: string;
            startsAt: string | null;
            endsAt: string | null;
            /** @enum {string} */
            visibility: "signed-in" | "attendees";
            /**
             * @description The caller's role in the event
             * @enum {string}
             */
            role: "organizer" | "attendee" | "none";
        };
        MyEvents: {
            events: {
                eventId: string;
                name: string;
                startsAt: string | null;
                endsAt: string | null;
                /** @enum {string} */
                visibility: "signed-in" | "attendees";
                /**
                 * @description The caller's role in the event
                 * @enum {string}
                 */
                role: "organizer" | "attendee" | "none";
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        Registration: {
            registered: {
                email: string;
                userId: string;
            }[];
            /** @description Addresses no user has; they were not registered */
            notFound: string[];
        };
        Attendees: {
            attendees: {
                userId: string;
                email: string | null;
                /** Format: date-time */
                registeredAt: string;
                /** @description Uploads the attendee initiated, which the quota limits */
                uploads: number;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        InitiatedUpload: {
            photoId: string;
            /** @description Presigned S3 PUT URL, valid until expiresAt */
            s3PutObjectUrl: string;
            /** @constant */
            method: "PUT";
            /** @description Send exactly these headers with the PUT */
            headers: {
                "Content-Type": string;
                "Content-Length": string;
            } & {
                [key: string]: string;
            };
            /** Format: date-time */
            expiresAt: string;
        };
        PhotoPage: {
            photos: {
                id: string;
                eventId: string;
                title: string;
                description: string;
                /**
                 * @description The uploaded original's type
                 * @enum {string}
                 */
                contentType: "image/jpeg" | "image/png" | "image/webp";
                /** @description The uploaded original's size */
                sizeBytes: number;
                uploadedBy: string;
                /** Format: date-time */
                createdAt: string;
                /** @description Width of the upright original */
                width: number;
                /** @description Height of the upright original */
                height: number;
                /** @description The display variant (WebP, long side at most 2048 px) */
                url: string;
                /** @description The thumbnail (WebP, long side at most 400 px) */
                thumbnailUrl: string;
                /** @description The camera's capture time from EXIF (ISO 8601, with the camera's UTC offset when it recorded one), or null */
                takenAt: string | null;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        PhotoWithStatus: {
            id: string;
            eventId: string;
            title: string;
            description: string;
            /**
             * @description The uploaded original's type
             * @enum {string}
             */
            contentType: "image/jpeg" | "image/png" | "image/webp";
            /** @description The uploaded original's size */
            sizeBytes: number;
            uploadedBy: string;
            /** Format: date-time */
            createdAt: string;
            width: number | null;
            height: number | null;
            url: string | null;
            thumbnailUrl: string | null;
            /** @description The camera's capture time from EXIF (ISO 8601, with the camera's UTC offset when it recorded one), or null */
            takenAt: string | null;
            /** @enum {string} */
            status: "pending" | "ready" | "rejected";
            rejection?: {
                code: string;
                message: string;
            };
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_request" | "unauthorized" | "not_attendee" | "not_organizer" | "not_event_organizer" | "not_allowed" | "not_found" | "event_not_found" | "cannot_remove_organizer" | "too_large" | "unsupported_media_type" | "upload_quota_exceeded" | "internal_error";
                /** @description What went wrong and what to do about it */
                message: string;
                details?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        Unauthorized: {
            /** @constant */
            message: "Unauthorized";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 200 characters after trimming */
                    name: string;
                    /** Format: date-time */
                    startsAt?: string;
                    /** Format: date-time */
                    endsAt?: string;
                    /**
                     * @description signed-in: any logged-in user may list the photos; attendees: only attendees
                     * @default signed-in
                     * @enum {string}
                     */
                    visibility?: "signed-in" | "attendees";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_organizer or not_event_organizer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyEvents: {
        parameters: {
            query?: {
                /** @description 1 to 100, default 20 */
                limit?: string;
                /** @description nextCursor of the previous page, unchanged */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyEvents"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAttendees: {
        parameters: {
            query?: {
                /** @description 1 to 100, default 20 */
                limit?: string;
                /** @description nextCursor of the previous page, unchanged */
                cursor?: string;
            };
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attendees"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_event_organizer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerAttendees: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    emails: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Registration"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_event_organizer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeAttendee: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_event_organizer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: code cannot_remove_organizer */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    initiateUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 200 characters after trimming */
                    title: string;
                    description?: string;
                    /** @enum {string} */
                    contentType: "image/jpeg" | "image/png" | "image/webp";
                    /** @description bytes; at most the stage's upload limit (20 MiB by default) */
                    contentLength: number;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InitiatedUpload"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_attendee */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large: code too_large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: code unsupported_media_type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Quota exceeded: code upload_quota_exceeded */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPhotos: {
        parameters: {
            query?: {
                /** @description 1 to 100, default 20 */
                limit?: string;
                /** @description nextCursor of the previous page, unchanged */
                cursor?: string;
            };
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoPage"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_attendee */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
                /** @description The photo's id (a ULID) */
                photoId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoWithStatus"];
                };
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_attendee */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found or not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
                /** @description The photo's id (a ULID) */
                photoId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: code invalid_request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token (API Gateway's own answer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"] | components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: code not_allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found: code event_not_found or not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error: code internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
